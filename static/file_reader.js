// Reads one file front to back on its own thread, for the event worker: while that worker parses
// a piece, the next pieces are already being read. Pieces go over whole (transferred, not
// copied), each `chunk` bytes but the first (`first`, smaller: the parse waits for it) and the
// last, at most `ahead` of them not yet given back: the event worker hands each piece's buffer
// back when it has taken its bytes, and the next piece is read into it (a 1 GB file leaves no
// trail of dead buffers for the collector).
//
// In:  { file, start, chunk, first, ahead }, then each piece's buffer back.
// Out: { bytes: ArrayBuffer, len, done } per piece (done: the file ends with it), or { error }.
let reader = null;
let chunk = 0;
// The size of the piece to read next, if it is the first.
let first = 0;
let credits = 0;
let pumping = false;
const spare = [];

onmessage = (e) => {
  const m = e.data;
  if (m instanceof ArrayBuffer) {
    if (m.byteLength === chunk) spare.push(m);
    credits += 1;
  } else {
    chunk = m.chunk;
    first = Math.min(m.first || chunk, chunk);
    credits = m.ahead;
    reader = m.file.slice(m.start).stream().getReader({ mode: 'byob' });
  }
  pump();
};

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    while (reader && credits > 0) {
      const size = first || chunk;
      first = 0;
      let buffer = (size === chunk && spare.pop()) || new ArrayBuffer(size);
      let len = 0;
      let done = false;
      while (len < size) {
        const r = await reader.read(new Uint8Array(buffer, len, size - len));
        if (r.value) buffer = r.value.buffer;
        if (r.done) {
          done = true;
          break;
        }
        len += r.value.byteLength;
      }
      credits -= 1;
      postMessage({ bytes: buffer, len, done }, [buffer]);
      if (done) reader = null;
    }
  } catch (err) {
    reader = null;
    postMessage({ error: String(err && err.message ? err.message : err) });
  }
  pumping = false;
}
