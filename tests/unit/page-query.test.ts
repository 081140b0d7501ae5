import { describe, expect, test } from 'vitest';
import { repairQuery } from '../../src/lib/state/page-query';
import { defaults, fromQuery, type Field } from '../../src/lib/state/fields';

/** TF.js's own reading of the query (tfjs-core's getQueryParams), which throws on broken escapes. */
function tfjsReads(search: string): Record<string, string> {
  const params: Record<string, string> = {};
  search.replace(/[?&]([^=?&]+)(?:=([^&]*))?/g, (_s, name: string, value?: string) => {
    params[decodeURIComponent(name)] = decodeURIComponent(value ?? '');
    return '';
  });
  return params;
}

const F2: Field = { key: 'F2', label: 'F2', min: 1, max: 4096, default: 4 };
const block: Field = { key: 'block', label: 'block', pattern: /^[a-z]{1,2}$/, expects: 'one or two lowercase letters', default: 'a' };

describe('a query that is safe as it is', () => {
  test.each(['', '?', '?F2=8', '?F2=%3Cscript%3E&block=b', '?H=8&utm_source=mail#top', '?q=caf%C3%A9', '?x=1+2'])('%j is left alone', (search) => {
    expect(repairQuery(search)).toBeNull();
    expect(() => tfjsReads(search)).not.toThrow();
  });
});

describe('a query that would stop TF.js', () => {
  test.each([
    ['a truncated escape', '?F2=%E0%A4%A&block=b', '?F2=%EF%BF%BD%25A&block=b'],
    ['a lone percent sign', '?F2=%&H=8', '?F2=%25&H=8'],
    ['a bad escape in a key', '?%zz=1&F2=8', '?%25zz=1&F2=8'],
    ['flags and a broken escape', '?F2=%&tfjsflags=WEBGL_PACK:false', '?F2=%25'],
  ])('%s is re-encoded', (_label, search, repaired) => {
    expect(() => tfjsReads(search)).toThrow(URIError);
    expect(repairQuery(search)).toBe(repaired);
  });

  test.each([
    ['?tfjsflags=DEBUG:true,WEBGL_VERSION:1&F2=8', '?F2=8'],
    ['?tfjsflags=DEBUG:true', ''],
    ['?F2=8&tfjsflags=WEBGL_PACK:false&tfjsflags=IS_TEST:true', '?F2=8'],
  ])('engine flags in %j are dropped: a link must not reconfigure TF.js', (search, repaired) => {
    expect(() => tfjsReads(search)).not.toThrow();
    expect(repairQuery(search)).toBe(repaired);
  });

  test.each(['?F2=%E0%A4%A&block=%', '?block=%%&F2=1e309', '?F2=%FF%FE&evil=%3Cscript%3E%', `?F2=${'%'.repeat(500)}`])(
    'the repaired %j reads the same in the fields, and TF.js can read it',
    (search) => {
      const repaired = repairQuery(search) ?? search;
      expect(() => tfjsReads(repaired)).not.toThrow();
      expect(repairQuery(repaired)).toBeNull();
      expect(fromQuery([F2, block], repaired)).toEqual(fromQuery([F2, block], search));
      expect(fromQuery([F2, block], repaired)).not.toEqual(defaults([F2, block]));
    },
  );
});
