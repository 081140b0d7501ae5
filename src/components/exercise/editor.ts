/**
 * The code cell's editor: CodeMirror 6 with TypeScript or Python highlighting and line numbers. Tab is left
 * to the browser (it moves focus out of the editor), so a keyboard user is never trapped;
 * Ctrl/Cmd-Enter runs the cell, Shift-Enter runs it and moves to the next, as in Jupyter. Tokens take the colours of the code the server sent
 * (code-colors.css), through the same table of kinds (src/lib/highlight/), so nothing changes colour
 * when the editor replaces it.
 */
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { EditorState } from '@codemirror/state';
import { setDiagnostics } from '@codemirror/lint';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Language } from '../../lib/grading/types';
import { codeColor } from '../../lib/highlight/categories';
import { LEZER_TOKEN_KINDS } from '../../lib/highlight/lezer';

/** The code colours' CSS variables by Lezer tag; comments in italics, as Shiki's theme has them. */
const codeHighlightStyle = HighlightStyle.define(
  LEZER_TOKEN_KINDS.map(({ tag, kind }) => ({ tag, color: codeColor(kind), ...(kind === 'comment' ? { fontStyle: 'italic' } : {}) })),
);

export interface Editor {
  text(): string;
  setText(text: string): void;
  /** Shows `text` in `language`: its highlighting, its label, and a history of its own. */
  switchTo(language: Language, text: string, label: string): void;
  /** Marks a line (1-based) as the place of an error, with its message; null clears it. */
  markError(error: { line: number; column?: number; message: string } | null): void;
  focus(): void;
  destroy(): void;
}

export function createEditor(
  parent: HTMLElement,
  options: {
    doc: string;
    language: Language;
    label: string;
    onChange: (text: string) => void;
    /** Ctrl/Cmd-Enter: run in place. */
    onRun: () => void;
    /** Shift-Enter: run and move to the next cell, as in a notebook. */
    onRunNext: () => void;
    /**
     * Whether long lines wrap (the default: a narrow screen needs no sideways scrolling). A
     * notebook cell that grows with its code does not wrap: CodeMirror estimates wrapped lines'
     * heights until it first measures them, on screen, and a cell loaded below the screen would
     * shrink then; unwrapped, every line is one line high, as in the server's code.
     */
    wrap?: boolean;
  },
): Editor {
  const extensions = (language: Language, label: string) => [
    basicSetup,
    language === 'keras' ? python() : javascript({ typescript: true }),
    syntaxHighlighting(codeHighlightStyle),
    options.wrap === false ? [] : EditorView.lineWrapping,
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.onRun(), true) },
      { key: 'Shift-Enter', run: () => (options.onRunNext(), true) },
    ]),
    // An editable area is in the tab order anyway; tabindex says so to checkers that only count
    // tabindex (axe's scrollable-region rule), as CodeMirror's author advises.
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ doc: options.doc, parent, extensions: extensions(options.language, options.label) });
  // Unwrapped, long lines scroll sideways: the scrolling box is then a named stop in the tab
  // order, as the server's code before it is, so a keyboard can scroll it without editing.
  const nameScroller = (label: string) => {
    if (options.wrap !== false) return;
    Object.assign(view.scrollDOM, { tabIndex: 0 });
    view.scrollDOM.setAttribute('role', 'region');
    view.scrollDOM.setAttribute('aria-label', `${label}, scrolls sideways`);
  };
  nameScroller(options.label);
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    switchTo(language, text, label) {
      // A fresh state, not an edit: undo must not walk back into the other language's code.
      view.setState(EditorState.create({ doc: text, extensions: extensions(language, label) }));
      nameScroller(label);
    },
    markError(error) {
      if (!error) {
        view.dispatch(setDiagnostics(view.state, []));
        return;
      }
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, error.line), doc.lines));
      const from = Math.min(line.from + Math.max(0, (error.column ?? 1) - 1), line.to);
      view.dispatch(setDiagnostics(view.state, [{ from, to: line.to > from ? line.to : from, severity: 'error', message: error.message }]));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
