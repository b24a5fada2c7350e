/**
 * Migration 9: the branch's 已采纳 marks on 金点子 made from the 金点子库, apart from a review.
 * One row per idea of a report; the latest decision wins over the review's adopted list
 * (ideas.ts). Written by the secretary only, audited.
 */
import type { Migration } from './migrations';

export const MIGRATION_9: Migration = {
  version: 9,
  name: 'idea adoptions marked from the 金点子 library',
  sql: `
CREATE TABLE idea_adoptions (
  team_id TEXT NOT NULL REFERENCES teams(id),
  report_id TEXT NOT NULL,
  idea_id TEXT NOT NULL,
  adopted INTEGER NOT NULL,
  at INTEGER NOT NULL,
  secretary_id TEXT REFERENCES secretaries(id),
  PRIMARY KEY (team_id, report_id, idea_id)
);
`,
};
