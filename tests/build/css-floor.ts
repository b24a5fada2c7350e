/**
 * What the built CSS may not use on the browser floor (Chromium 83, Safari 14) unless inside
 * an @supports block. Unknown syntax is not harmless there: a selector list with `:is()` drops
 * the whole rule, an `@layer` block drops everything in it, flex `gap` silently collapses.
 */
export interface CssRule { selector: string; body: string; supports: boolean }

/** Flat list of style rules; at-rules are walked into, @supports marks its rules guarded. */
export function cssRules(css: string): CssRule[] {
  const src = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: CssRule[] = [];
  const walk = (from: number, to: number, supports: boolean): void => {
    let i = from;
    while (i < to) {
      const open = src.indexOf('{', i);
      const semi = src.indexOf(';', i);
      if (open === -1 || open >= to) return;
      if (semi !== -1 && semi < open && src.slice(i, semi).trim().startsWith('@')) { i = semi + 1; continue; } // @import, @charset
      const head = src.slice(i, open).trim();
      let depth = 1, j = open + 1;
      for (; j < to && depth > 0; j++) depth += src[j] === '{' ? 1 : src[j] === '}' ? -1 : 0;
      const close = j - 1;
      if (head.startsWith('@')) {
        if (!/^@(font-face|page|keyframes|-webkit-keyframes)/.test(head)) walk(open + 1, close, supports || head.startsWith('@supports'));
        if (/^@(layer|container)/.test(head)) out.push({ selector: head, body: '', supports });
      } else {
        out.push({ selector: head, body: src.slice(open + 1, close), supports });
      }
      i = j;
    }
  };
  walk(0, src.length, false);
  return out;
}

const declarations = (body: string) =>
  body.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const k = d.indexOf(':');
    return { prop: d.slice(0, k).trim().toLowerCase(), value: d.slice(k + 1).trim().toLowerCase() };
  });

/** Each finding names the rule and why; empty when the CSS holds on the floor. */
export function cssAboveFloor(css: string): string[] {
  const found: string[] = [];
  for (const r of cssRules(css)) {
    if (r.supports) continue;
    const at = `"${r.selector.slice(0, 80)}"`;
    if (/^@layer/.test(r.selector)) found.push(`${at}: @layer (Chromium 99, Safari 15.4)`);
    if (/^@container/.test(r.selector)) found.push(`${at}: @container (Chromium 105, Safari 16)`);
    if (/:(is|where|has)\(/.test(r.selector)) found.push(`${at}: :is()/:where()/:has() (Chromium 88/105, Safari 14/15.4)`);
    if (/:focus-visible/.test(r.selector)) found.push(`${at}: :focus-visible (Safari 15.4)`);
    if (r.body.includes('{') || r.selector.includes('&')) found.push(`${at}: CSS nesting (Chromium 112, Safari 16.5)`);
    const decls = declarations(r.body);
    const grid = decls.some((d) => d.prop === 'display' && /grid/.test(d.value));
    for (const { prop, value } of decls) {
      if (/^(gap|row-gap|column-gap)$/.test(prop) && !grid && !/^0(px)?$/.test(value)) {
        found.push(`${at}: ${prop} outside a grid (flex gap: Chromium 84, Safari 14.1)`);
      }
      if (/^inset(-block|-inline)?(-start|-end)?$/.test(prop)) found.push(`${at}: ${prop} (Chromium 87, Safari 14.1)`);
      if (prop === 'aspect-ratio') found.push(`${at}: aspect-ratio (Chromium 88, Safari 15)`);
      if (/\d(dvh|svh|lvh|dvw|svw|lvw)\b/.test(value)) found.push(`${at}: dynamic viewport units (Chromium 108, Safari 15.4)`);
      if (/color-mix\(|oklch\(|oklab\(|\blch\(|\blab\(/.test(value)) found.push(`${at}: ${prop}: modern colour function (Chromium 111, Safari 15.4)`);
    }
  }
  return found;
}
