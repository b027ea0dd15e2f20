var prerendering = false;
function set_building() {}
function set_prerendering() {
	prerendering = true;
}
export { set_building as n, set_prerendering as r, prerendering as t };

//# sourceMappingURL=server.js.map