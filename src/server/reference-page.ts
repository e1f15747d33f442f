/**
 * A small self-contained API reference: one HTML page whose inline script
 * fetches ./openapi.json from the same server and renders each operation
 * (method, path, roles, parameters, body and responses). Nothing is loaded
 * from anywhere else; the CSP forbids it.
 */
const SCRIPT = String.raw`
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const type = (s) => !s ? '' : s.enum ? s.enum.map((v) => JSON.stringify(v)).join(' | ') : s.anyOf ? s.anyOf.map(type).join(' | ') : (s.type === 'array' ? type(s.items) + '[]' : (s.type ?? 'any'));
const schema = (s) => '<pre>' + esc(JSON.stringify(s, null, 2)) + '</pre>';
fetch('./openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('intro').textContent = doc.info.description;
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const roles = op['x-outlay-roles'] ? 'roles: ' + op['x-outlay-roles'].join(', ') : 'no authentication';
      const params = (op.parameters ?? []).map((p) => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + (p.required ? ', required' : '') + '</td><td>' + esc(type(p.schema)) + (p.schema && p.schema.default !== undefined ? ' = ' + esc(JSON.stringify(p.schema.default)) : '') + '</td><td>' + esc(p.description) + '</td></tr>').join('');
      const body = op.requestBody ? '<h4>Body</h4>' + Object.entries(op.requestBody.content).map(([t, c]) => '<p><code>' + esc(t) + '</code></p>' + schema(c.schema)).join('') : '';
      const resps = Object.entries(op.responses).map(([s, r]) => '<details><summary>' + esc(s) + ' ' + esc(r.description) + '</summary>' + Object.values(r.content ?? {}).map((c) => schema(c.schema ?? {})).join('') + '</details>').join('');
      out.push('<section id="' + esc(op.operationId) + '"><h3><span class="m ' + method + '">' + method.toUpperCase() + '</span> <code>' + esc(path) + '</code></h3><p>' + esc(op.summary) + '</p>' + (op.description ? '<p>' + esc(op.description) + '</p>' : '') + '<p class="roles">' + esc(roles) + '</p>' + (params ? '<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>' + params + '</table>' : '') + body + '<h4>Responses</h4>' + resps + '</section>');
    }
  }
  document.getElementById('ops').innerHTML = out.join('');
}).catch((e) => { document.getElementById('ops').textContent = 'cannot load openapi.json: ' + e; });
`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.4rem 0}.m{display:inline-block;min-width:4.5rem;font-size:.8rem;padding:.1rem .3rem;border-radius:3px;color:#fff;text-align:center}
.get{background:#2a7ab0}.post{background:#2f8f46}.put{background:#a36b00}.delete{background:#b03030}.roles{color:#666;font-size:.85rem}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}`;

export const REFERENCE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'";

export function referencePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outlay API reference</title><style>${STYLE}</style></head>
<body><h1 id="title">Outlay API</h1><p id="intro"></p><p><a href="./openapi.json">openapi.json</a></p><div id="ops">loading…</div><script>${SCRIPT}</script></body></html>`;
}
