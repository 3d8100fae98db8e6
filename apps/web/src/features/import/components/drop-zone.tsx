import { useId, useRef, useState, type DragEvent } from 'react';
import { useT } from '../../../i18n/i18n';

/** A drop target that is also a plain file button, so the keyboard gets the same path. */
export function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
      className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-6 text-sm ${
        over ? 'border-blue-500 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600'
      }`}
    >
      <p>{t('import.drop')}</p>
      <label htmlFor={inputId} className="sr-only">
        {t('import.fileLabel')}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="file"
        accept=".zip,application/zip"
        // The visible button below is the one tab stop; an invisible focused input shows no ring.
        tabIndex={-1}
        className="sr-only"
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
      <button
        type="button"
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900"
      >
        {t('import.choose')}
      </button>
    </div>
  );
}
