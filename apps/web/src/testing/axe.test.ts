import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './axe';

describe('seriousAxeViolations', () => {
  it('catches an unlabelled control, so a clean result means something', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<input type="text"><button></button>';
    document.body.append(root);
    const found = await seriousAxeViolations(root);
    root.remove();
    expect(found.some((v) => v.startsWith('label'))).toBe(true);
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
  });
});
