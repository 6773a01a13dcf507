// One rule for what becomes a property: the load and the mutations both drop undefined and null.
import { describe, expect, it } from 'vitest';
import { storedProps } from '../../src/graph/props.js';

describe('storedProps', () => {
  it('drops undefined and null and keeps every other value, falsy ones included', () => {
    expect(storedProps({ a: undefined, b: null, c: 0, d: '', e: false, f: [], g: 'x' })).toEqual({
      c: 0,
      d: '',
      e: false,
      f: [],
      g: 'x',
    });
  });
});
