// Real ratings: MovieLens latest-small (2016, 671 users, 9,066 movies) from Debian's r-cran-dslabs,
// read from its R lazy-load database without R, imported as `montage eval recommend --data` reads
// a ratings.csv, and ranked by the harness. Popularity lands where published leave-one-out results
// put it (HR@10 ≈ 0.55); item CF and ALS clearly above it.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/recommend/evaluate';
import { buildInteractions } from '../../shared/recommend/interactions';
import { importRatings } from '../../shared/recommend/ratings-import';
import { classicalRecommenders } from '../../shared/recommend/catalogue';
import { dslabsData, dslabsMovielensCsv, readRDataFrame } from './r-lazyload';

describe('MovieLens ratings from r-cran-dslabs', () => {
  it('is installed (apt-get install r-cran-dslabs, as .ci/run does)', () => {
    expect(existsSync(`${dslabsData}.rdb`), `${dslabsData}.rdb is missing: sudo apt-get install r-cran-dslabs`).toBe(true);
  });

  it('reads the data frame: every column, as many rows as MovieLens published', () => {
    const frame = readRDataFrame(dslabsData, 'movielens');
    expect(Object.keys(frame)).toEqual(['movieId', 'title', 'year', 'genres', 'userId', 'rating', 'timestamp']);
    expect(frame.userId).toHaveLength(100_004);
    expect(new Set(frame.userId).size).toBe(671);
    expect(new Set(frame.movieId).size).toBe(9066);
    expect(frame.title?.[0]).toBe('Dangerous Minds');
    expect(() => readRDataFrame(dslabsData, 'no_such_set')).toThrow(/has no data set "no_such_set"/);
  });

  it('ranks held-out movies as published results do: popularity ≈ 0.55 HR@10, item CF and ALS well above', async () => {
    const { rows, report } = importRatings(dslabsMovielensCsv(), { format: 'movielens-csv' });
    expect(report).toMatchObject({ rowsRead: 100_004, rowsImported: 100_004, rowsSkipped: 0 });
    const data = buildInteractions(rows).interactions;
    const result = await evaluate(data, classicalRecommenders(['popularity', 'itemknn', 'als']), { seed: 1 });
    expect(result.protocol).toMatchObject({ users: 671, items: 9066, interactions: 100_004, evaluatedUsers: 671, negatives: 99 });
    const hr = Object.fromEntries(result.rows.map((r) => [r.name, r.hr10]));
    expect(hr.popularity).toBeGreaterThan(0.5);
    expect(hr.popularity).toBeLessThan(0.6);
    expect(hr.itemknn).toBeGreaterThan(hr.popularity! + 0.05);
    expect(hr.als).toBeGreaterThan(0.66);
  });
});
