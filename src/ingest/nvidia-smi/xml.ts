/**
 * Just enough XML for `nvidia-smi -q -x`: elements, attributes, text and line
 * numbers; the prolog, DOCTYPE and comments are skipped. No namespaces,
 * entities beyond the five predefined, or CDATA (nvidia-smi writes none).
 */
import { OutlayError } from '../../core/index.ts';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
  readonly line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');

export function parseXml(text: string, file: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g;
  let last = 0;
  let line = 1;
  let m: RegExpExecArray | null;
  const countLines = (from: number, to: number) => { for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) line++; };
  while ((m = tag.exec(text)) !== null) {
    const top = stack[stack.length - 1] as XmlElement;
    top.text += decode(text.slice(last, m.index));
    countLines(last, m.index);
    const startLine = line;
    countLines(m.index, tag.lastIndex);
    last = tag.lastIndex;
    if (m[2] === undefined) continue;
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new OutlayError('INGEST_BAD_ROW', `${file}:${startLine}: XML: </${m[2]}> closes <${top.name}>`, { file, line: startLine, field: m[2] });
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([\w.:-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] ?? '');
    const el: XmlElement = { name: m[2], attrs, children: [], text: '', line: startLine };
    top.children.push(el);
    if (m[4] !== '/') stack.push(el);
  }
  if (stack.length > 1) throw new OutlayError('INGEST_BAD_ROW', `${file}:${line}: XML ends inside <${stack[stack.length - 1]?.name}>`, { file, line, field: stack[stack.length - 1]?.name });
  return root;
}

export const child = (el: XmlElement | undefined, ...path: string[]): XmlElement | undefined =>
  path.reduce<XmlElement | undefined>((e, n) => e?.children.find((c) => c.name === n), el);

export const childText = (el: XmlElement | undefined, ...path: string[]): string | null => {
  const t = child(el, ...path)?.text.trim();
  return t === undefined || t === '' ? null : t;
};
