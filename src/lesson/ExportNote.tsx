// What an Export attempt button says afterwards, inside its page's status region: the file's name
// and where the browser put it, and what to do with it (hand it in; the instructor grades it with
// the CLI). Or why nothing was exported.

export type ExportNoteValue = { kind: 'saved'; fileName: string } | { kind: 'problem'; message: string } | null;

export default function ExportNote({ note }: { note: ExportNoteValue }) {
  if (!note) return null;
  if (note.kind === 'problem') return <span className="export-note">{note.message}</span>;
  return (
    <span className="export-note">
      Downloaded <strong>{note.fileName}</strong> to your browser's downloads folder. Hand it in as your instructor asks, e.g. upload it to your course; your instructor grades it
      with <code>pim-lab grade</code>.
    </span>
  );
}
