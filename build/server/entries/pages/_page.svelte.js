import "../../chunks/server2.js";
// web/src/routes/+page.svelte
function _page($$renderer) {
	$$renderer.push(`<h1>hi</h1>`);
}
export { _page as default };

//# sourceMappingURL=_page.svelte.js.map