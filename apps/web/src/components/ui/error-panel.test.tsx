import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { ErrorPanel } from './error-panel';

describe('ErrorPanel', () => {
  it('shows the code, the upstream code and message, both request ids, and copies them', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const err = new ApiError(502, 'upstream_error', 'ROMA refused the package', 'bff-1', {
      status: 400,
      service: 'roma',
      code: 'ROMA.10011',
      message: 'Decompression failed',
      request_id: 'roma-9',
    });
    render(<ErrorPanel error={err} />);
    const alert = screen.getByRole('alert');
    for (const text of [
      'ROMA refused the package',
      'upstream_error',
      'ROMA.10011',
      'Decompression failed',
      'roma-9',
      'bff-1',
    ]) {
      expect(alert).toHaveTextContent(text);
    }
    await user.click(screen.getByRole('button', { name: 'Copy error details' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('ROMA.10011'));
    expect(writeText.mock.calls[0]?.[0]).toContain('Request ID: bff-1');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('says the server cannot be reached for network failures', () => {
    render(<ErrorPanel error={new ApiError(0, 'network_error', 'network_error')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The server cannot be reached.');
  });
});
