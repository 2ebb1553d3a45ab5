/** The File menu: New, Import, Export, Copy share link, Export PNG, Export SVG, and the run's trace and metrics for other tools. */
import { useRef } from 'react';
import { useStores } from '../app/stores.tsx';
import {
  copyShareLink,
  exportFile,
  exportImage,
  exportRun,
  importFile,
  newDocument,
  RUN_EXPORTS,
  type FileCommandViews,
} from './fileCommands.ts';
import { FileIcon } from './icons.tsx';
import { MenuButton, type MenuItem } from './MenuButton.tsx';

export function FileMenu({ views }: { views: FileCommandViews }) {
  const stores = useStores();
  const picker = useRef<HTMLInputElement>(null);
  const items: MenuItem[] = [
    { label: 'New', onSelect: () => newDocument(stores) },
    { label: 'Import', hint: '.json', onSelect: () => picker.current?.click(), startsGroup: true },
    { label: 'Export', hint: '.json', onSelect: () => exportFile(stores) },
    { label: 'Copy share link', onSelect: () => void copyShareLink(stores, views), startsGroup: true },
    { label: 'Export PNG', onSelect: () => void exportImage(stores, 'png'), startsGroup: true },
    { label: 'Export SVG', onSelect: () => void exportImage(stores, 'svg') },
    { label: RUN_EXPORTS.otlp.label, hint: 'Jaeger, Tempo', onSelect: () => void exportRun(stores, 'otlp'), startsGroup: true },
    { label: RUN_EXPORTS['chrome-trace'].label, hint: '.json', onSelect: () => void exportRun(stores, 'chrome-trace') },
    { label: RUN_EXPORTS['metrics-csv'].label, hint: '.csv', onSelect: () => void exportRun(stores, 'metrics-csv') },
  ];
  return (
    <>
      <MenuButton label="File" icon={<FileIcon />} items={items} />
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        aria-label="Scenario file to import"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so that picking the same file again (after fixing it) fires a change again.
          event.currentTarget.value = '';
          if (file) void importFile(stores, file, views);
        }}
      />
    </>
  );
}
