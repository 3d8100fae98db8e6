import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  apigwErrorSchema,
  assetJobIdResponseSchema,
  assetJobSchema,
  cooperateAuthorizationPropertiesSchema,
  exportResourcePackageRequestSchema,
  exportWorkflowsRequestSchema,
  iamTokenRequestSchema,
  iamTokenResponseSchema,
  insightErrorSchema,
  romaErrorSchema,
  savePropertiesRequestSchema,
  secmasterErrorSchema,
} from './index';

const examplesDir = fileURLToPath(new URL('../../../../../shared/specs/examples/', import.meta.url));

/** Each provider example, and the schema that must parse it. */
const schemaByExample: Record<string, z.ZodType> = {
  'iam-token-password.request.json': iamTokenRequestSchema,
  'iam-token.response.json': iamTokenResponseSchema,
  'insight-error.response.json': insightErrorSchema,
  'insight-export-resource-package.request.json': exportResourcePackageRequestSchema,
  'insight-get-properties.response.json': cooperateAuthorizationPropertiesSchema,
  'insight-save-properties.request.json': savePropertiesRequestSchema,
  'insight-save-properties.response.json': cooperateAuthorizationPropertiesSchema,
  'roma-error.response.json': romaErrorSchema,
  'roma-import-assets.response.json': assetJobIdResponseSchema,
  'roma-job-status.response.json': assetJobSchema,
  'secmaster-error.response.json': secmasterErrorSchema,
  'secmaster-export-workflows.request.json': exportWorkflowsRequestSchema,
};

const readExample = (name: string): unknown => JSON.parse(readFileSync(`${examplesDir}${name}`, 'utf8'));

describe("the provider's example payloads", () => {
  it('are all covered by a schema', () => {
    const files = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.sort()).toEqual(Object.keys(schemaByExample).sort());
  });

  it.each(Object.entries(schemaByExample))('%s parses', (file, schema) => {
    const example = readExample(file);
    const parsed = schema.safeParse(example);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Nothing the provider sent is dropped by the schema.
    expect(parsed.data).toEqual(example);
  });
});

describe('schemas refuse what the spec forbids', () => {
  it('auth_switch_config as a quoted string (the rendering error in the provider page)', () => {
    const body = readExample('insight-save-properties.request.json') as Record<string, unknown>;
    const bad = { ...body, auth_switch_config: '{"read": true}' };
    expect(savePropertiesRequestSchema.safeParse(bad).success).toBe(false);
  });

  it('a resource package with no resources, or a portal in it', () => {
    const base = readExample('insight-export-resource-package.request.json') as Record<string, unknown>;
    expect(exportResourcePackageRequestSchema.safeParse({ ...base, resources: [] }).success).toBe(false);
    expect(
      exportResourcePackageRequestSchema.safeParse({
        ...base,
        resources: [{ resource_type: 'portal', resource_id: 'p1' }],
      }).success,
    ).toBe(false);
  });

  it('an unknown resource_type', () => {
    expect(
      cooperateAuthorizationPropertiesSchema.safeParse({
        ...(readExample('insight-get-properties.response.json') as object),
        resource_type: 'folder',
      }).success,
    ).toBe(false);
  });

  it('an empty workflow id list', () => {
    expect(exportWorkflowsRequestSchema.safeParse({ id: [] }).success).toBe(false);
  });

  it('an API gateway 401 body parses as such', () => {
    expect(
      apigwErrorSchema.parse({
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information: token expired',
        request_id: 'abc',
      }).error_code,
    ).toBe('APIGW.0301');
  });
});
