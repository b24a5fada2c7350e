/** The monthly report as a formal Word document (docx): title, team, figures table, written parts, review, signatures. */
import {
  AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { xmlSafe } from '../../domain/xml-text';
import type { ReportDoc } from './report-doc';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const p = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: opts.align, spacing: { after: 120 }, children: [new TextRun({ text: xmlSafe(text), bold: opts.bold, size: opts.size ?? 24, font: FONT })] });
const h = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: xmlSafe(text), bold: true, size: 28, font: FONT })] });

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [p(text, { bold })], width: { size: 50, type: WidthType.PERCENTAGE } });
}

function pairsTable(rows: [string, string][], head?: [string, string]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [...(head ? [new TableRow({ tableHeader: true, children: [cell(head[0], true), cell(head[1], true)] })] : []),
      ...rows.map(([a, b]) => new TableRow({ children: [cell(a), cell(b)] }))],
  });
}

/** `extra`: blocks placed before the signatures (the hazard before/after photos, photo-docx.ts). */
export async function reportDocx(doc: ReportDoc, extra: readonly (Paragraph | Table)[] = []): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    p(doc.title, { bold: true, size: 40, align: AlignmentType.CENTER }),
    p(`班组：${doc.teamName}    区队：${doc.district || '—'}    小政委：${doc.instructor || '—'}`, { align: AlignmentType.CENTER }),
    p(`汇报月份：${doc.monthLabel}    状态：${doc.status}`, { align: AlignmentType.CENTER }),
    p(doc.submittedNote, { size: 20, align: AlignmentType.CENTER }),
    h('工作数据'),
    pairsTable(doc.figures.map((f) => [f.label, String(f.value)]), ['项目', '数量']),
    ...doc.parts.flatMap((part) => [h(part.heading), ...(part.paragraphs.length ? part.paragraphs : ['—']).map((t) => p(t || '—'))]),
    h('金点子'),
    ...(doc.ideas.length ? doc.ideas.map((i, n) => p(`${n + 1}. ${i.title}${i.adopted ? '（已采纳）' : ''}：${i.content}`)) : [p('本月未提交金点子。')]),
    h('党支部审阅与考核'),
    ...(doc.review ? [
      pairsTable([...doc.review.items.map((i): [string, string] => [`${i.name}（${i.points}分）`, String(i.score)]),
        ['合计得分', doc.review.score === null ? '—' : String(doc.review.score)]], ['考核项目', '得分']),
      ...(doc.review.note ? [p(`${doc.review.note}。`, { size: 20 })] : []),
      p(`反馈意见：${doc.review.feedback || '—'}`),
    ] : [p('尚未评分。')]),
    ...extra,
    new Paragraph({ spacing: { before: 720 }, children: [] }),
    p('小政委（签字）：____________        党支部书记（签字）：____________'),
    p('日期：______年____月____日', { align: AlignmentType.RIGHT }),
  ];
  const document = new Document({
    creator: '班组小政委', title: xmlSafe(`${doc.title} ${doc.teamName} ${doc.monthLabel}`),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } } }, children }],
  });
  return Packer.toBuffer(document);
}
