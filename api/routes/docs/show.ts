import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';

export const openApiDocumentPath = '/api/openapi.json';

/**
 * The reference page's renderer: plain browser JavaScript, no libraries and no CDN (Parley runs on
 * closed networks). It fetches the OpenAPI document and draws every operation grouped by tag. All
 * text from the document goes in through textContent, never innerHTML.
 */
const rendererScript = String.raw`
(function () {
  'use strict';
  var root = document.getElementById('content');
  var filterInput = document.getElementById('filter');
  var doc;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var key in attrs) {
      if (attrs[key] === null || attrs[key] === undefined) continue;
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'class') node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }

  function refName(ref) { return ref.split('/').pop(); }
  function resolve(schema) {
    var seen = 0;
    while (schema && schema.$ref && seen++ < 20) schema = (doc.components && doc.components.schemas || {})[refName(schema.$ref)] || {};
    return schema || {};
  }
  function slug(text) { return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }

  /** A one-line type: "string (email)", "integer | null", "array of Contact", "Contact". */
  function typeLabel(schema) {
    if (!schema) return 'any';
    if (schema.$ref) return refName(schema.$ref);
    var variants = schema.anyOf || schema.oneOf;
    if (variants) return variants.map(typeLabel).join(' | ');
    if (schema.allOf) return schema.allOf.map(typeLabel).join(' & ');
    var type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
    if (type === 'array' || (Array.isArray(schema.type) && schema.type.indexOf('array') >= 0)) return type.replace('array', 'array of ' + typeLabel(schema.items));
    if (schema.enum) return (type || 'enum') + ' ∈ {' + schema.enum.map(function (v) { return JSON.stringify(v); }).join(', ') + '}';
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (!type && schema.properties) type = 'object';
    if (!type && schema.additionalProperties) type = 'object';
    if (schema.nullable) type += ' | null';
    return (type || 'any') + (schema.format ? ' (' + schema.format + ')' : '');
  }

  function constraints(schema) {
    var parts = [];
    if (schema.minLength !== undefined) parts.push('min length ' + schema.minLength);
    if (schema.maxLength !== undefined) parts.push('max length ' + schema.maxLength);
    if (schema.minimum !== undefined) parts.push('≥ ' + schema.minimum);
    if (schema.exclusiveMinimum !== undefined) parts.push('> ' + schema.exclusiveMinimum);
    if (schema.maximum !== undefined) parts.push('≤ ' + schema.maximum);
    if (schema.maxItems !== undefined) parts.push('max items ' + schema.maxItems);
    if (schema.pattern) parts.push('pattern ' + schema.pattern);
    if (schema.default !== undefined) parts.push('default ' + JSON.stringify(schema.default));
    if (schema.example !== undefined) parts.push('e.g. ' + JSON.stringify(schema.example));
    return parts.join(' · ');
  }

  /** The schema as a nested list of fields; named schemas link to their entry under "Schemas". */
  function schemaTree(schema, depth, seen) {
    seen = seen || [];
    if (!schema) return el('span', { class: 'muted', text: 'no body' });
    if (schema.$ref) {
      var name = refName(schema.$ref);
      var link = el('a', { href: '#schema-' + slug(name), class: 'ref', text: name });
      if (depth > 0 || seen.indexOf(name) >= 0) return link;
      return el('div', null, [link, schemaTree(resolve(schema), depth, seen.concat([name]))]);
    }
    var variants = schema.anyOf || schema.oneOf;
    if (variants) {
      var nonNull = variants.filter(function (v) { return v.type !== 'null'; });
      if (nonNull.length === 1) return schemaTree(nonNull[0], depth, seen);
      return el('ul', { class: 'variants' }, variants.map(function (v) { return el('li', null, [el('span', { class: 'muted', text: 'one of: ' }), schemaTree(v, depth + 1, seen)]); }));
    }
    if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.indexOf('array') >= 0)) {
      return el('div', null, [el('span', { class: 'muted', text: 'array of ' }), schemaTree(schema.items, depth, seen)]);
    }
    var properties = schema.properties;
    if (!properties) return el('code', { text: typeLabel(schema) });
    var required = schema.required || [];
    var rows = Object.keys(properties).map(function (key) {
      var property = properties[key];
      var inner = property.$ref ? resolve(property) : property;
      var item = inner.type === 'array' ? resolve(inner.items) : null;
      var nested = (inner.properties && !property.$ref) || (item && item.properties && !(inner.items && inner.items.$ref));
      var description = property.description || inner.description;
      return el('li', null, [
        el('code', { class: 'field', text: key }),
        required.indexOf(key) >= 0 ? el('span', { class: 'required', text: 'required' }) : null,
        el('code', { class: 'type', text: typeLabel(property) }),
        description ? el('span', { class: 'description', text: description }) : null,
        constraints(inner) ? el('span', { class: 'muted small', text: constraints(inner) }) : null,
        nested && depth < 6 ? schemaTree(inner.type === 'array' ? inner.items : inner, depth + 1, seen) : null,
      ]);
    });
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      rows.push(el('li', null, [el('code', { class: 'field', text: '<any key>' }), el('code', { class: 'type', text: typeLabel(schema.additionalProperties) })]));
    }
    return el('ul', { class: 'fields' }, rows);
  }

  function bodySchema(content) {
    if (!content) return null;
    var type = Object.keys(content)[0];
    return type ? { type: type, schema: content[type].schema } : null;
  }

  function operationView(path, method, op) {
    var id = 'op-' + slug(method + ' ' + path);
    var summary = el('summary', null, [
      el('span', { class: 'method ' + method, text: method.toUpperCase() }),
      el('code', { class: 'path', text: path }),
      el('span', { class: 'summary', text: op.summary || '' }),
    ]);
    var body = el('div', { class: 'body' });
    if (op.description) body.appendChild(el('p', { text: op.description }));
    if (op.security && op.security.length) {
      body.appendChild(el('p', { class: 'muted small', text: 'Authentication: ' + op.security.map(function (s) { return Object.keys(s).join(' + '); }).join(' or ') }));
    }
    var params = op.parameters || [];
    if (params.length) {
      body.appendChild(el('h4', { text: 'Parameters' }));
      body.appendChild(el('table', null, [
        el('thead', null, [el('tr', null, ['Name', 'In', 'Type', 'Description'].map(function (h) { return el('th', { text: h }); }))]),
        el('tbody', null, params.map(function (p) {
          p = p.$ref ? resolve(p) : p;
          var schema = p.schema || {};
          return el('tr', null, [
            el('td', null, [el('code', { text: p.name }), p.required ? el('span', { class: 'required', text: 'required' }) : null]),
            el('td', { text: p.in }),
            el('td', null, [el('code', { text: typeLabel(schema) })]),
            el('td', { text: [p.description || schema.description || '', constraints(resolve(schema))].filter(Boolean).join(' · ') }),
          ]);
        })),
      ]));
    }
    var request = op.requestBody && bodySchema(op.requestBody.content);
    if (request) {
      body.appendChild(el('h4', null, ['Request body ', el('span', { class: 'muted small', text: request.type })]));
      body.appendChild(schemaTree(request.schema, 0));
    }
    var responses = op.responses || {};
    body.appendChild(el('h4', { text: 'Responses' }));
    var list = el('div', { class: 'responses' });
    Object.keys(responses).forEach(function (status) {
      var response = responses[status];
      var content = bodySchema(response.content);
      var isError = status >= '400';
      var block = el('details', { class: 'response' + (isError ? ' error' : ''), open: isError ? null : '' }, [
        el('summary', null, [el('span', { class: 'status s' + status.charAt(0), text: status }), ' ', response.description || '']),
        content ? schemaTree(content.schema, 0) : el('span', { class: 'muted', text: 'no body' }),
      ]);
      list.appendChild(block);
    });
    body.appendChild(list);
    var details = el('details', { class: 'operation', id: id }, [summary, body]);
    details.dataset.search = (method + ' ' + path + ' ' + (op.summary || '') + ' ' + (op.tags || []).join(' ')).toLowerCase();
    return details;
  }

  function render() {
    document.title = (doc.info && doc.info.title || 'API') + ' reference';
    document.getElementById('title').textContent = document.title;
    document.getElementById('version').textContent = 'OpenAPI ' + doc.openapi + ' · version ' + (doc.info && doc.info.version || '');
    document.getElementById('description').textContent = doc.info && doc.info.description || '';

    var groups = {};
    var order = [];
    var methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      methods.forEach(function (method) {
        var op = item[method];
        if (!op) return;
        if (item.parameters) op = Object.assign({}, op, { parameters: item.parameters.concat(op.parameters || []) });
        var tag = (op.tags && op.tags[0]) || 'Other';
        if (!groups[tag]) { groups[tag] = []; order.push(tag); }
        groups[tag].push(operationView(path, method, op));
      });
    });
    order.sort();
    var nav = document.getElementById('nav');
    root.textContent = '';
    order.forEach(function (tag) {
      var anchor = 'tag-' + slug(tag);
      nav.appendChild(el('li', null, [el('a', { href: '#' + anchor, text: tag + ' (' + groups[tag].length + ')' })]));
      root.appendChild(el('section', { class: 'tag', id: anchor }, [el('h2', { text: tag })].concat(groups[tag])));
    });

    var schemas = (doc.components && doc.components.schemas) || {};
    var names = Object.keys(schemas).sort();
    if (names.length) {
      nav.appendChild(el('li', null, [el('a', { href: '#schemas', text: 'Schemas (' + names.length + ')' })]));
      root.appendChild(el('section', { class: 'tag', id: 'schemas' }, [el('h2', { text: 'Schemas' })].concat(names.map(function (name) {
        var details = el('details', { class: 'operation schema', id: 'schema-' + slug(name) }, [
          el('summary', null, [el('code', { class: 'path', text: name }), el('span', { class: 'summary', text: schemas[name].description || '' })]),
          el('div', { class: 'body' }, [schemaTree(schemas[name], 0, [name])]),
        ]);
        details.dataset.search = ('schema ' + name).toLowerCase();
        return details;
      }))));
    }
    openFromHash();
  }

  function openFromHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView({ block: 'start' }); }
  }

  filterInput.addEventListener('input', function () {
    var words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(document.querySelectorAll('details.operation'), function (node) {
      var text = node.dataset.search || '';
      node.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    Array.prototype.forEach.call(document.querySelectorAll('section.tag'), function (section) {
      section.hidden = !section.querySelector('details.operation:not([hidden])');
    });
  });
  window.addEventListener('hashchange', openFromHash);

  fetch(root.getAttribute('data-spec'), { headers: { accept: 'application/json' } })
    .then(function (response) { if (!response.ok) throw new Error('HTTP ' + response.status); return response.json(); })
    .then(function (json) { doc = json; render(); document.body.setAttribute('data-ready', 'true'); })
    .catch(function (error) { root.textContent = 'Could not load the API description: ' + error.message; document.body.setAttribute('data-ready', 'error'); });
})();
`;

const styles = `
:root { color-scheme: light dark; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #fff; --panel: #f9fafb; --accent: #1f93ff; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e7eb; --muted: #9ca3af; --line: #374151; --bg: #111827; --panel: #1f2937; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); display: grid; grid-template-columns: 240px minmax(0, 1fr); min-height: 100vh; }
aside { border-right: 1px solid var(--line); padding: 16px; position: sticky; top: 0; height: 100vh; overflow: auto; background: var(--panel); }
aside ul { list-style: none; padding: 0; margin: 12px 0 0; }
aside li a { display: block; padding: 4px 6px; border-radius: 4px; color: inherit; text-decoration: none; }
aside li a:hover { background: var(--line); }
#filter { width: 100%; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: inherit; }
main { padding: 24px 32px; max-width: 1100px; min-width: 0; overflow-wrap: anywhere; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h4 { margin: 16px 0 6px; }
.muted { color: var(--muted); } .small { font-size: 12px; }
details.operation { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: var(--bg); }
details.operation > summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; }
details.operation[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
.body { padding: 8px 16px 16px; }
.method { display: inline-block; min-width: 58px; text-align: center; font-weight: 700; font-size: 12px; padding: 2px 6px; border-radius: 4px; color: #fff; }
.method.get { background: #2563eb; } .method.post { background: #16a34a; } .method.put { background: #d97706; } .method.patch { background: #9333ea; } .method.delete { background: #dc2626; }
.path { font-weight: 600; } .summary { color: var(--muted); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
ul.fields, ul.variants { list-style: none; margin: 4px 0; padding-left: 16px; border-left: 2px solid var(--line); }
ul.fields li { margin: 3px 0; }
.field { font-weight: 600; } .type { color: var(--accent); margin-left: 6px; } .description { margin-left: 8px; } .small.muted { margin-left: 8px; }
.required { font-size: 11px; color: #dc2626; margin-left: 6px; }
details.response { margin: 4px 0; } details.response > summary { cursor: pointer; }
.status { font-weight: 700; } .status.s2 { color: #16a34a; } .status.s4, .status.s5 { color: #dc2626; }
a.ref { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
@media (max-width: 800px) { body { grid-template-columns: 1fr; } aside { position: static; height: auto; } }
`;

export const apiDocsHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title>
<link rel="icon" href="data:,">
<style>${styles}</style>
</head>
<body>
<aside>
<input id="filter" type="search" placeholder="Filter: method, path, words" aria-label="Filter operations">
<ul id="nav"></ul>
</aside>
<main>
<h1 id="title">Parley API reference</h1>
<div id="version" class="muted small"></div>
<p id="description"></p>
<p class="muted small">Machine-readable description: <a href="${openApiDocumentPath}">${openApiDocumentPath}</a>. Authenticate with the <code>api_access_token</code> header (your profile's access token) or the console's session cookie.</p>
<div id="content" data-spec="${openApiDocumentPath}">Loading…</div>
</main>
<script>${rendererScript}</script>
</body>
</html>`;

const scriptHash = createHash('sha256').update(rendererScript).digest('base64');
const styleHash = createHash('sha256').update(styles).digest('base64');
/** Only this page's own script and style may run, and it may only fetch from Parley itself. */
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'sha256-${scriptHash}'`,
  `style-src 'sha256-${styleHash}'`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** GET /api/docs: the human-readable API reference, drawn in the browser from /api/openapi.json. */
export function registerApiDocs(app: OpenAPIHono<AppEnv>) {
  app.get('/api/docs', (c) => {
    c.header('content-security-policy', contentSecurityPolicy);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-cache');
    return c.html(apiDocsHtml);
  });
}
