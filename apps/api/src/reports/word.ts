import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { longDate, type Report, type ReportChart, type ReportTable } from '@waymark/domain';
import { chartPng } from './chart-image.js';

/** Pictures are set 15.9 cm wide: the text width of an A4 page with Word's 2.54 cm margins. */
const PICTURE_WIDTH = 600;
const FONT = 'Arial';
const CAPTION = 'Caption'; // Word's own style for captions, so its caption tools recognise them

const para = (
  words: string,
  options: {
    bold?: boolean;
    size?: number;
    heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel];
    keepNext?: boolean;
    style?: string;
  } = {},
) =>
  new Paragraph({
    heading: options.heading,
    style: options.style,
    keepNext: options.keepNext,
    spacing: { after: 120 },
    children: [new TextRun({ text: words, bold: options.bold, size: options.size })],
  });

/** A figure: numbered caption, then the picture; its description is the picture's text alternative (the section summary says it in full above). */
function figure(chart: ReportChart, number: number): Paragraph[] {
  const { png, width, height } = chartPng(chart);
  const scale = PICTURE_WIDTH / width;
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: PICTURE_WIDTH, height: Math.round(height * scale) },
    altText: { name: `Figure ${number}`, title: chart.title, description: `${chart.title}: ${chart.description}` },
  });
  return [
    para(`Figure ${number}: ${chart.title}`, { style: CAPTION, keepNext: true }),
    new Paragraph({ spacing: { after: 240 }, children: [image] }),
  ];
}

function table(t: ReportTable, number: number): (Paragraph | Table)[] {
  const cell = (words: string, column: number, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: t.numeric[column] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: words, bold: header, size: 20 })],
        }),
      ],
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const rows = [
    // The header row repeats on each page a long table runs over.
    new TableRow({ tableHeader: true, cantSplit: true, children: t.head.map((h, i) => cell(h, i, true)) }),
    ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((words, i) => cell(words, i, false)) })),
  ];
  return [
    para(`Table ${number}: ${t.caption}`, { style: CAPTION, keepNext: true }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
  ];
}

/** A source line, its web address a link. */
function source(text: string): Paragraph {
  const parts = text.split(/(https?:\/\/[^\s)]+)/);
  const children: ParagraphChild[] = parts
    .filter(Boolean)
    .map((part) =>
      /^https?:\/\//.test(part)
        ? new ExternalHyperlink({ link: part, children: [new TextRun({ text: part, style: 'Hyperlink' })] })
        : new TextRun(part),
    );
  return new Paragraph({ bullet: { level: 0 }, children });
}

/** The report as an editable Word document: marked, headed, numbered tables and figures, a summary per section. */
export async function reportToWord(report: Report): Promise<Buffer> {
  let figures = 0;
  let tables = 0;
  const body: (Paragraph | Table)[] = [
    para(report.title, { heading: HeadingLevel.TITLE }),
    para(report.subtitle, { size: 28 }),
    para(`${report.marking.label}. ${report.marking.note}`, { bold: true }),
    para(`Made on ${longDate(report.madeAt)} by Waymark. ${report.rules.statement}`),
  ];
  for (const section of report.sections) {
    body.push(para(section.title, { heading: HeadingLevel.HEADING_1, keepNext: true }), para(section.summary));
    for (const chart of section.charts) body.push(...figure(chart, ++figures));
    for (const t of section.tables) body.push(...table(t, ++tables));
    for (const note of section.notes) body.push(para(note, { size: 20 }));
  }
  body.push(para('Sources', { heading: HeadingLevel.HEADING_1 }), ...report.sources.map(source));
  const pageNumber: ParagraphChild[] = [
    new TextRun({
      children: [`${report.title}, ${report.subtitle}. Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
      size: 18,
    }),
  ];
  const marking = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: report.marking.label, bold: true, size: 20 })],
  });
  const document = new Document({
    creator: 'Waymark',
    title: `${report.title}: ${report.subtitle}`,
    description: `Made on ${longDate(report.madeAt)}`,
    styles: {
      default: { document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } } } },
      paragraphStyles: [
        {
          id: CAPTION,
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 20 },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [marking] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: pageNumber })] }) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
