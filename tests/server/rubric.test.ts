import { describe, expect, it } from 'vitest';
import { parseRubricForm } from '../../src/server/secretary/rubric-page';
import { DEFAULT_RUBRIC } from '../../src/server/secretary/rubric';

describe('the rubric form', () => {
  it('saves the default rubric with its item ids unchanged, so saved item scores still match', () => {
    const form = {
      id: DEFAULT_RUBRIC.map((i) => i.id), name: DEFAULT_RUBRIC.map((i) => i.name),
      points: DEFAULT_RUBRIC.map((i) => String(i.points)), basis: DEFAULT_RUBRIC.map((i) => i.basis),
    };
    const r = parseRubricForm(form);
    expect(r.ok).toBe(true);
    expect(r.items.map((i) => i.id)).toEqual(DEFAULT_RUBRIC.map((i) => i.id));
    expect(r.items.map((i) => i.id)).toContain('onTime');
  });
  it('refuses an id that is not letters, digits or dashes', () => {
    const r = parseRubricForm({ id: ['a b'], name: ['质量'], points: ['10'], basis: ['manual'] });
    expect(r.ok).toBe(false);
  });
});
