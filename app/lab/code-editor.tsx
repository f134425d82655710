"use client";

import { javascript } from "@codemirror/lang-javascript";
import { basicSetup, EditorView } from "codemirror";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";

/**
 * Code mode's editor: CodeMirror 6 with JavaScript highlighting. The document lives in
 * CodeMirror; React hears about edits through `onChange` and never pushes text back in, so
 * typing never fights a re-render.
 */

export const STARTER_CODE = `// Build and train a TF.js model, then return it. You get:
//   tf        TensorFlow.js
//   data.xs   [count, 784] pixels in 0..1 (reshape to [-1, 28, 28, 1] for conv layers)
//   data.ys   [count, 10] one-hot labels; data.count images
//   log(...)  prints below the editor
//   callbacks pass to model.fit: live chart, progress and the Stop button
const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [784], units: 32, activation: "relu" }),
    tf.layers.dense({ units: 10, activation: "softmax" }),
  ],
});
model.compile({
  optimizer: tf.train.adam(0.005),
  loss: "categoricalCrossentropy",
  metrics: ["accuracy"],
});
await model.fit(data.xs, data.ys, { epochs: 2, batchSize: 64, shuffle: true, callbacks });
log("trained on", data.count, "images");
return model;
`;

export interface CodeEditorHandle {
  goToLine: (line: number) => void;
}

export const CodeEditor = forwardRef<
  CodeEditorHandle,
  { initial: string; onChange: (code: string) => void; label: string }
>(function CodeEditor({ initial, onChange, label }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      doc: initial,
      parent: host.current,
      extensions: [
        basicSetup,
        javascript(),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later `initial` values must not reset the player's work.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    goToLine: (line: number) => {
      const editor = view.current;
      if (!editor) return;
      const target = editor.state.doc.line(Math.min(Math.max(1, line), editor.state.doc.lines));
      editor.dispatch({
        selection: { anchor: target.from, head: target.to },
        scrollIntoView: true,
      });
      editor.focus();
    },
  }));

  return <div ref={host} className="lab-editor" data-testid="lab-editor" />;
});
