/** The Word report's 隐患整改前后照片: a table, one hazard a row, its before and after photos side by side. */
import { ImageRun, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { MonthKey } from '../../domain/types';
import { xmlSafe } from '../../domain/xml-text';
import type { Sqlite } from '../db';
import { dataDirOf, readPhoto, type PhotoRow } from '../photo-store';
import { loadTeam, monthRange } from './data';
import { hazardPhotoPairs } from './photos';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
/** Width of a photo in the report (px at 96 dpi): two columns of photos fit an A4 page. */
const PHOTO_WIDTH = 200;

const text = (t: string, bold = false) => new Paragraph({ children: [new TextRun({ text: xmlSafe(t), bold, size: 21, font: FONT })] });

function images(dataDir: string, rows: readonly PhotoRow[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of rows) {
    const data = readPhoto(dataDir, p.sha256);
    // Word reads JPEG (what phones send); anything else is named, not embedded.
    if (!data || p.mime !== 'image/jpeg') { out.push(text('（照片格式无法放入 Word）')); continue; }
    const height = Math.round((PHOTO_WIDTH * p.height) / p.width);
    out.push(new Paragraph({ children: [new ImageRun({ type: 'jpg', data, transformation: { width: PHOTO_WIDTH, height } })] }));
  }
  return out.length ? out : [text('—')];
}

export function docxHazardPhotos(db: Sqlite, teamId: string, month: MonthKey): (Paragraph | Table)[] {
  const pairs = hazardPhotoPairs(db, teamId, loadTeam(db, teamId, monthRange(month)), month);
  if (!pairs.length) return [];
  const dataDir = dataDirOf(db);
  const cell = (children: Paragraph[], pct: number) => new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE } });
  return [
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: '隐患整改前后照片', bold: true, size: 28, font: FONT })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell([text('隐患/问题', true)], 30), cell([text('整改前', true)], 35), cell([text('整改后', true)], 35)] }),
        ...pairs.map((x) => new TableRow({
          children: [
            cell([text(x.hazard.description), text(`${x.hazard.foundDay} 发现${x.hazard.closedDay ? `，${x.hazard.closedDay} 销号` : ''}`)], 30),
            cell(images(dataDir, x.before), 35),
            cell(images(dataDir, x.after), 35),
          ],
        })),
      ],
    }),
  ];
}
