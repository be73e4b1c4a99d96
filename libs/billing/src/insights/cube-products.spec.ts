import { CUBE_PRODUCTS } from '@kaf/rollups';
import { BILLED_PRODUCTS } from '../domain/billed-products';

describe('products of the usage cube', () => {
  it('are the products billing systems report (rollups keeps its own copy: it may not import billing)', () => {
    expect([...CUBE_PRODUCTS].sort()).toEqual([...BILLED_PRODUCTS].sort());
  });
});
