import { describe, expect, it } from 'vitest';
import {
  dependentSwitches,
  impliedSwitches,
  normaliseAuthSwitchConfig,
  switchesByResourceType,
  unknownSwitches,
} from './permission-switches';
import { resourceTypes } from './resource-types';

describe('switch sets', () => {
  it('every type has a switch set, and metric/embedAnalysis follow dataset/dashboard', () => {
    for (const t of resourceTypes) expect(switchesByResourceType[t].length).toBeGreaterThan(0);
    expect(switchesByResourceType.metric).toEqual(switchesByResourceType.dataset);
    expect(switchesByResourceType.embedAnalysis).toEqual(switchesByResourceType.dashboard);
  });
});

describe('implications', () => {
  it('edit turns on read and export on a dashboard', () => {
    expect(impliedSwitches('dashboard', 'edit').sort()).toEqual(['export', 'read']);
  });
  it('edit turns on use on a dataset', () => {
    expect(impliedSwitches('dataset', 'edit')).toEqual(['use']);
  });
  it('export turns on read; read implies nothing', () => {
    expect(impliedSwitches('screen', 'export')).toEqual(['read']);
    expect(impliedSwitches('screen', 'read')).toEqual([]);
  });
  it('turning read off must turn off export and edit', () => {
    expect(dependentSwitches('dashboard', 'read').sort()).toEqual(['edit', 'export']);
    expect(dependentSwitches('portal', 'read')).toEqual(['edit']);
  });
  it('normalises a config: absent keys false, implications applied', () => {
    expect(normaliseAuthSwitchConfig('dashboard', { edit: true })).toEqual({
      read: true,
      edit: true,
      export: true,
    });
    expect(normaliseAuthSwitchConfig('dataset', {})).toEqual({ use: false, edit: false });
  });
  it('names keys that are not switches of the type', () => {
    expect(unknownSwitches('dataset', { use: true, export: true })).toEqual(['export']);
  });
});
