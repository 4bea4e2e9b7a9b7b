import { describe, expect, it } from 'vitest';
import type { Insights, ModelInfo } from '../../../shared/api';
import {
  activityCsv,
  activitySeries,
  charactersCsv,
  clickThroughCsv,
  clickThroughRows,
  csvCell,
  exportFileName,
  keepRateCsv,
  keepRateRows,
  lossCsv,
  lossSeries,
  toCsv,
} from './insights-logic';

const day = 86_400_000;
const from = Date.UTC(2024, 4, 1);

function insights(over: Partial<Insights> = {}): Insights {
  return {
    days: 3,
    from,
    activity: { views: ['Songs', 'Scripts', 'Generate', 'Projects', 'For you', 'Other'], counts: [[1, 0, 2], [0, 0, 0], [0, 3, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]] },
    keepRate: [
      { model: 'm1', modelName: 'Melody, small', temperature: 0.8, kept: 2, discarded: 1 },
      { model: 'm1', modelName: 'Melody, small', temperature: null, kept: 0, discarded: 0 },
    ],
    instruments: [],
    keys: [],
    tempos: [],
    characters: [{ name: 'BRICK', lines: 2, scripts: 1 }, { name: '=SUM(A1)', lines: 1, scripts: 1 }],
    locations: [],
    recommendations: [{ kind: 'song', shown: 4, clicked: 1 }, { kind: 'instrument', shown: 0, clicked: 0 }],
    documents: { songs: 1, scripts: 1 },
    ...over,
  };
}

describe('CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, 'y,z']])).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
  });

  it('writes the activity per day and view, with UTC dates', () => {
    expect(activityCsv(insights())).toBe(
      'date,Songs,Scripts,Generate,Projects,For you,Other\r\n2024-05-01,1,0,0,0,0,0\r\n2024-05-02,0,0,3,0,0,0\r\n2024-05-03,2,0,0,0,0,0\r\n',
    );
  });

  it('writes keep rates, click-through and characters', () => {
    expect(keepRateCsv(insights())).toBe('model,model id,temperature,kept,discarded,keep rate\r\nMelody,small,m1,0.8,2,1,0.6667\r\nMelody,small,m1,,0,0,\r\n'.replace(/Melody,small/g, '"Melody, small"'));
    expect(clickThroughCsv(insights())).toBe('kind,shown,clicked,click-through rate\r\nsong,4,1,0.25\r\ninstrument,0,0,\r\n');
    expect(charactersCsv(insights())).toBe("character,speeches,scripts\r\nBRICK,2,1\r\n'=SUM(A1),1,1\r\n");
  });
});

describe('series', () => {
  it('draws one activity series per view that had events, x in seconds', () => {
    const { xs, series } = activitySeries(insights());
    expect(xs).toEqual([from / 1000, (from + day) / 1000, (from + 2 * day) / 1000]);
    expect(series.map((s) => s.label)).toEqual(['Songs', 'Generate']);
    expect(series[1]?.values).toEqual([0, 3, 0]);
    expect(activitySeries(insights({ activity: { views: ['Songs'], counts: [[0, 0, 0]] } })).series).toEqual([]);
  });

  it('says keep rates and click-through as bar rows', () => {
    const rows = keepRateRows(insights());
    expect(rows[0]).toMatchObject({ label: 'Melody, small · T 0.8', text: '67% kept (2 of 3)' });
    expect(rows[0]?.segments.map((s) => s.value)).toEqual([2, 1]);
    expect(rows[1]?.label).toBe('Melody, small · temperature not recorded');
    expect(rows[1]?.text).toBe('— kept (0 of 0)');
    const clicks = clickThroughRows(insights());
    expect(clicks[0]).toMatchObject({ label: 'Songs', text: '1 of 4 shown · 25%' });
    expect(clicks[0]?.segments.map((s) => s.value)).toEqual([1, 3]);
    expect(clicks[1]?.text).toBe('0 of 0 shown · —');
  });

  it('puts the newest models’ curves on one step axis', () => {
    const model = (name: string, createdAt: number, steps: number[], loss: number[]) =>
      ({ name, createdAt, curve: { steps, loss, kl: [], accuracy: [] } }) as unknown as Pick<ModelInfo, 'name' | 'curve' | 'createdAt'>;
    const curves = lossSeries([model('old', 1, [0, 10], [3, 2]), model('new', 3, [0, 5, 10], [4, 3, 1]), model('none', 4, [], []), model('oldest', 0, [0], [9])], 2);
    expect(curves.steps).toEqual([0, 5, 10]);
    expect(curves.series.map((s) => s.label)).toEqual(['new', 'old']);
    expect(curves.series[1]?.values).toEqual([3, null, 2]);
    expect(curves.log).toBe(false);
    expect(lossSeries([model('big', 2, [0, 1], [200, 30]), model('small', 1, [0, 1], [2, 0.5])]).log).toBe(true);
    expect(lossCsv(curves)).toBe('step,new,old\r\n0,4,3\r\n5,3,\r\n10,1,2\r\n');
  });

  it('names the downloads', () => {
    expect(exportFileName('Keep rate by model and temperature', 30, 'csv', from)).toBe('montage-insights-keep-rate-by-model-and-temperature-30d-2024-05-01.csv');
    expect(exportFileName('For you click-through', 7, 'png', from)).toBe('montage-insights-for-you-click-through-7d-2024-05-01.png');
  });
});
