import { DocumentAudienceSchema } from '@kaf/contracts';
import { defineDocument, issuingTiers } from './document-definition';

describe('document definitions', () => {
  it('names the tiers that issue a document: its issuer, and the overriding tier', () => {
    const national = defineDocument({
      name: 'plain',
      issuerTier: 'national',
      audience: {},
      schema: DocumentAudienceSchema,
    });
    const overridable = defineDocument({ ...national, name: 'layered', overridableBy: 'province' });
    expect(issuingTiers(national)).toEqual(['national']);
    expect(issuingTiers(overridable)).toEqual(['national', 'province']);
  });

  it('lets only a tier below the issuer override it', () => {
    expect(() =>
      defineDocument({
        name: 'provincial',
        issuerTier: 'province',
        overridableBy: 'province',
        audience: {},
        schema: DocumentAudienceSchema,
      }),
    ).toThrow(/issued by the province tier: a province node cannot override it/);
  });
});
