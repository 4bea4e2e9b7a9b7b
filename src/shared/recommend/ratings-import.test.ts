import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteractionRow } from './interactions';
import { RatingsImportError, RatingsImporter, describeSkips, importRatings, type RatingsImportOptions } from './ratings-import';

const MOVIELENS = ['userId,movieId,rating,timestamp', '1,31,2.5,1260759144', '1,1029,3.0,1260759179', '2,10,4.0,835355493', ''].join('\n');

/** Feeds `text` cut at `cuts` (positions), returning everything the importer produced. */
function importInPieces(text: string, cuts: number[], options: RatingsImportOptions): { rows: InteractionRow[]; report: ReturnType<RatingsImporter['report']> } {
  const importer = new RatingsImporter(options);
  const rows: InteractionRow[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    rows.push(...importer.push(text.slice(from, cut)));
    from = cut;
  }
  rows.push(...importer.push(text.slice(from)));
  rows.push(...importer.end());
  return { rows, report: importer.report() };
}

describe('MovieLens ratings.csv', () => {
  it('reads every rated row as an implicit interaction of weight 1', () => {
    const { rows, report } = importRatings(MOVIELENS, { format: 'movielens-csv' });
    expect(rows).toEqual([
      { user: '1', item: '31', time: 1260759144 },
      { user: '1', item: '1029', time: 1260759179 },
      { user: '2', item: '10', time: 835355493 },
    ]);
    expect(report).toEqual({ format: 'movielens-csv', rowsRead: 3, rowsImported: 3, rowsSkipped: 0, skipped: [] });
  });

  it('skips rows rated below minRating, and says so', () => {
    const { rows, report } = importRatings(MOVIELENS, { format: 'movielens-csv', minRating: 3 });
    expect(rows.map((r) => r.item)).toEqual(['1029', '10']);
    expect(report.skipped).toEqual([{ reason: 'rating is below minRating 3', count: 1, lines: [2] }]);
  });

  it('counts and reports malformed rows by reason with their line numbers, and imports the rest', () => {
    const text = [
      'userId,movieId,rating,timestamp',
      '1,31,2.5,1260759144', // 2
      ',32,4,1260759145', // 3: no user
      '1,33,4,yesterday', // 4
      '1,34,4', // 5
      'userId,movieId,rating,timestamp', // 6
      '', // blank: not a row
      '1,35,great,1260759146', // 8
      ',36,4,1', // 9: no user
      '1,,4,1', // 10: no item
      '2,37,5,1260759147', // 11
    ].join('\n');
    const { rows, report } = importRatings(text, { format: 'movielens-csv', examples: 1 });
    expect(rows.map((r) => r.item)).toEqual(['31', '37']);
    expect(report.rowsRead).toBe(9);
    expect(report.rowsImported).toBe(2);
    expect(report.rowsSkipped).toBe(7);
    expect(report.skipped).toEqual([
      { reason: 'the user column is empty', count: 2, lines: [3] },
      { reason: 'time is not a number', count: 1, lines: [4] },
      { reason: 'wrong number of fields (expected 4)', count: 1, lines: [5] },
      { reason: 'duplicate header', count: 1, lines: [6] },
      { reason: 'rating is not a number', count: 1, lines: [8] },
      { reason: 'the item column is empty', count: 1, lines: [10] },
    ]);
    expect(describeSkips(report)[0]).toBe('2 rows: the user column is empty (line 3, …)');
    expect(describeSkips(report)[1]).toBe('1 row: time is not a number (line 4)');
  });

  it('throws, naming the columns it found, when the header is not MovieLens', () => {
    expect(() => importRatings('user,item,score\n1,2,3\n', { format: 'movielens-csv' })).toThrow(
      'not a MovieLens ratings.csv: there is no column "userId"; the header (line 1) has columns: "user", "item", "score"',
    );
    expect(() => importRatings('196\t242\t3\t881250949\n', { format: 'movielens-csv' })).toThrow(RatingsImportError);
    expect(() => importRatings('', { format: 'movielens-csv' })).toThrow('there is no header row');
  });
});

describe('MovieLens 100k u.data', () => {
  it('reads tab-separated user item rating timestamp, without a header', () => {
    const { rows, report } = importRatings('196\t242\t3\t881250949\r\n186\t302\t3\t891717742\r\n22\t377\t1\n', { format: 'udata', minRating: 2 });
    expect(rows).toEqual([
      { user: '196', item: '242', time: 881250949 },
      { user: '186', item: '302', time: 891717742 },
    ]);
    expect(report.rowsSkipped).toBe(1);
    expect(report.skipped[0]).toEqual({ reason: 'wrong number of fields (expected 4)', count: 1, lines: [3] });
  });

  it('throws when the first line is not four tab-separated fields', () => {
    expect(() => importRatings(MOVIELENS, { format: 'udata' })).toThrow('not a u.data file: line 1 has 1 tab-separated field, expected 4');
  });
});

describe('CSV with a column mapping', () => {
  const columns = { user: 'who', item: 'what', time: 'when', weight: 'how much' };

  it('reads quoted fields with delimiters, doubled quotes and newlines, CRLF and a BOM', () => {
    const text = '\uFEFFwhen,what,"how much",who\r\n' + '5,"clip:a,b",2,u1\r\n' + '6,"say ""hi""",1.5,"u\r\n2"\r\n' + '7,plain,1,u3';
    const { rows, report } = importRatings(text, { format: 'csv', columns });
    expect(rows).toEqual([
      { user: 'u1', item: 'clip:a,b', time: 5, weight: 2 },
      { user: 'u\r\n2', item: 'say "hi"', time: 6, weight: 1.5 },
      { user: 'u3', item: 'plain', time: 7, weight: 1 },
    ]);
    expect(report.rowsImported).toBe(3);
  });

  it('counts a line inside a quoted field towards the line numbers of later rows', () => {
    const text = 'who,what\na,"two\nlines"\n,x\n';
    const { report } = importRatings(text, { format: 'csv', columns: { user: 'who', item: 'what' } });
    expect(report.skipped).toEqual([{ reason: 'the user column is empty', count: 1, lines: [4] }]);
  });

  it('times rows by file order without a time column, and reads ISO dates and contexts', () => {
    const { rows } = importRatings('u;i;t;s\na;x;;p1\nb;y;2024-03-01T10:00:00Z;\n', {
      format: 'csv',
      delimiter: ';',
      columns: { user: 'u', item: 'i', context: 's' },
    });
    expect(rows).toEqual([
      { user: 'a', item: 'x', time: 1, context: 'p1' },
      { user: 'b', item: 'y', time: 2 },
    ]);
    const dated = importRatings('u,i,t\nb,y,2024-03-01T10:00:00Z\n', { format: 'csv', columns: { user: 'u', item: 'i', time: 't' } });
    expect(dated.rows[0]?.time).toBe(Date.UTC(2024, 2, 1, 10));
  });

  it('reports an unclosed quote at the end of the file as a skipped row', () => {
    const { rows, report } = importRatings('u,i\na,x\nb,"y\n', { format: 'csv', columns: { user: 'u', item: 'i' } });
    expect(rows).toHaveLength(1);
    expect(report.skipped).toEqual([{ reason: 'a quoted field is not closed before the end of the file', count: 1, lines: [3] }]);
  });

  it('throws, naming the columns the header has, when a mapped column is missing', () => {
    expect(() => importRatings('who,what,when\na,b,1\n', { format: 'csv', columns })).toThrow(
      'there is no column "how much" (mapped as weight); the header (line 1) has columns: "who", "what", "when"',
    );
    expect(() => importRatings('who;what\n', { format: 'csv', columns })).toThrow('(is the file separated by something other than the delimiter?)');
    expect(() => new RatingsImporter({ format: 'csv' })).toThrow('needs a column mapping');
    expect(() => new RatingsImporter({ format: 'csv', columns: { user: 'a', item: 'b' }, minRating: 3 })).toThrow('minRating needs a weight column');
  });
});

describe('chunked reading', () => {
  const tricky = [
    '\uFEFFwho,what,when,weight',
    'u1,"a,b",1,1',
    '"u""2""",plain,2,2\r',
    'u3,"multi\r\nline ""x""",3,0.5',
    ',missing,4,1',
    'who,what,when,weight',
    'u4,"z",5,nope',
    '"u5" ,"q",6,1',
    'u6,tail,7,1',
  ].join('\n');
  const options: RatingsImportOptions = { format: 'csv', columns: { user: 'who', item: 'what', time: 'when', weight: 'weight' } };

  it('gives the same rows and report wherever the text is cut', () => {
    const whole = importRatings(tricky, options);
    expect(whole.rows.map((r) => r.user)).toEqual(['u1', 'u"2"', 'u3', 'u5', 'u6']);
    expect(whole.report.rowsSkipped).toBe(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: tricky.length }), { maxLength: 12 }), (cuts) => {
        expect(importInPieces(tricky, cuts, options)).toEqual(whole);
      }),
    );
    // Every single cut point, and one character at a time.
    for (let cut = 0; cut <= tricky.length; cut++) expect(importInPieces(tricky, [cut], options)).toEqual(whole);
    expect(importInPieces(tricky, Array.from({ length: tricky.length }, (_, k) => k), options)).toEqual(whole);
  });

  it('reads back any rows written as quoted CSV, however the text is cut', () => {
    const id = fc
      .array(fc.constantFrom('a', 'Z', '7', ',', '"', '\n', '\r\n', ' ', 'é', ';'), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''))
      .filter((s) => s.trim() === s && s !== '');
    const row = fc.record({ user: id, item: id, time: fc.integer({ min: 0, max: 2_000_000_000 }) });
    const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (rows, cutSeeds, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = ['user,item,time', ...rows.map((r) => [quote(r.user), quote(r.item), String(r.time)].join(','))].join(eol) + eol;
        const cuts = cutSeeds.map((s) => s % (text.length + 1));
        const result = importInPieces(text, cuts, { format: 'csv', columns: { user: 'user', item: 'item', time: 'time' } });
        expect(result.rows).toEqual(rows);
        expect(result.report.rowsSkipped).toBe(0);
      }),
    );
  });

  it('tracks how much text it has read, for progress', () => {
    const importer = new RatingsImporter({ format: 'movielens-csv' });
    importer.push(MOVIELENS.slice(0, 10));
    expect(importer.charsRead).toBe(10);
    expect(importer.push(MOVIELENS.slice(10))).toHaveLength(3);
    expect(importer.end()).toEqual([]);
    expect(() => importer.push('x')).toThrow('push() after end()');
  });
});
