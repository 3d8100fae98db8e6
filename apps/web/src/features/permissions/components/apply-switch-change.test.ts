import { describe, expect, it } from 'vitest';
import { applySwitchChange } from './apply-switch-change';

describe('applySwitchChange', () => {
  it('turning edit on turns read and export on', () => {
    expect(applySwitchChange('dashboard', {}, 'edit', true)).toEqual({ read: true, edit: true, export: true });
  });
  it('turning read off turns off export and edit', () => {
    expect(applySwitchChange('dashboard', { read: true, export: true, edit: true }, 'read', false)).toEqual({
      read: false,
      edit: false,
      export: false,
    });
  });
  it('turning export off leaves read on', () => {
    expect(applySwitchChange('screen', { read: true, export: true }, 'export', false)).toEqual({
      read: true,
      edit: false,
      export: false,
    });
  });
});
