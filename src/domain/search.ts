/**
 * Text matching for the phone's search (我的 → 搜索) and the ledger's filter: every word of the
 * query must occur somewhere in the record's text (case-insensitive; Chinese has no spaces, so
 * a word is simply a substring). Pure, so the rule is tested without a browser.
 */

/** The words of a query ('' or spaces only → no words: everything matches). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesQuery(fields: readonly (string | null | undefined)[], query: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const text = fields.filter(Boolean).join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}
