'use strict';
// The Node.js contender: the same minimal room protocol as the bare Vert.x baseline, on socket.io 4.
// What a team would otherwise write: rooms for groups and for each workshop's dashboards, one
// broadcast per change (socket.io encodes it once for all recipients), no auth, no storage.
//
// Messages are socket.io events named "m" carrying the same JSON objects as our server's frames:
//   hello     {type:"hello", role:"student"|"instructor", workshopId, groupId?, studentId?} -> welcome
//   card.add  {type, opId, cardId, prompt, text}   -> event card.added to the group and dashboards, then ack
//   card.edit {type, opId, cardId, text}           -> event card.edited, then ack
//   ping      -> pong
// GET /health answers 200; GET /gc runs a full GC when node was started with --expose-gc.
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 8090);
const host = process.env.HOST || '127.0.0.1';

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"UP"}');
  } else if (req.url === '/gc') {
    if (typeof global.gc === 'function') {
      global.gc();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ gc: true, heapUsed: process.memoryUsage().heapUsed }));
    } else {
      res.writeHead(501);
      res.end('{"gc":false}');
    }
  } else {
    res.writeHead(404);
    res.end();
  }
});

// Defaults otherwise (perMessageDeflate is off by default in socket.io 4).
const io = new Server(server, { serveClient: false });

/** groupKey -> {seq, cards: Map(cardId -> card)} */
const groups = new Map();

function group(key) {
  let g = groups.get(key);
  if (!g) {
    g = { seq: 0, cards: new Map() };
    groups.set(key, g);
  }
  return g;
}

function error(socket, opId, code, message) {
  socket.emit('m', { type: 'error', opId: opId === undefined ? null : opId, code, message });
}

io.on('connection', (socket) => {
  let who = null; // {role, workshopId, groupId, studentId}
  socket.on('m', (msg) => {
    if (msg === null || typeof msg !== 'object') {
      error(socket, null, 'bad-request', 'not a JSON object');
      return;
    }
    const type = msg.type;
    if (who === null) {
      if (type !== 'hello' || typeof msg.workshopId !== 'string') {
        socket.disconnect(true);
        return;
      }
      if (msg.role === 'instructor') {
        who = { role: 'instructor', workshopId: msg.workshopId };
        socket.join('d:' + msg.workshopId);
        socket.emit('m', { type: 'welcome', role: 'instructor', serverTime: Date.now(), workshopId: msg.workshopId });
      } else {
        who = { role: 'student', workshopId: msg.workshopId, groupId: msg.groupId, studentId: msg.studentId };
        socket.join('g:' + msg.workshopId + ':' + msg.groupId);
        socket.emit('m', { type: 'welcome', role: 'student', studentId: who.studentId, groupId: who.groupId,
          serverTime: Date.now() });
      }
      return;
    }
    if (type === 'ping') {
      socket.emit('m', { type: 'pong', serverTime: Date.now() });
      return;
    }
    if (who.role !== 'student') {
      error(socket, msg.opId, 'forbidden', 'students only');
      return;
    }
    const key = who.workshopId + ':' + who.groupId;
    const g = group(key);
    const now = Date.now();
    let event;
    if (type === 'card.add') {
      if (typeof msg.cardId !== 'string' || g.cards.has(msg.cardId)) {
        error(socket, msg.opId, 'conflict', 'card id taken');
        return;
      }
      const card = { cardId: msg.cardId, prompt: msg.prompt, text: msg.text, label: null, authorId: who.studentId,
        authorName: who.studentId, version: 1, late: false, createdAt: now, updatedAt: now };
      g.cards.set(msg.cardId, card);
      event = { type: 'card.added', card };
    } else if (type === 'card.edit') {
      const card = g.cards.get(msg.cardId);
      if (!card) {
        error(socket, msg.opId, 'not-found', 'no such card');
        return;
      }
      card.text = msg.text;
      card.version += 1;
      card.updatedAt = now;
      event = { type: 'card.edited', cardId: card.cardId, text: card.text, label: card.label, version: card.version,
        editorId: who.studentId, late: false };
    } else {
      error(socket, msg.opId, 'unknown-type', 'unknown type');
      return;
    }
    const seq = ++g.seq;
    // One broadcast to the group's room and the workshop's dashboards (the sender included, as ours does).
    io.to('g:' + key).to('d:' + who.workshopId).emit('m',
      { type: 'event', groupId: who.groupId, seq, at: now, event });
    socket.emit('m', { type: 'ack', opId: msg.opId, seq, seqs: { [who.groupId]: seq } });
  });
});

server.listen(port, host, () => {
  console.log(`socket.io room server listening on http://${host}:${port} (node ${process.version})`);
});

process.on('SIGTERM', () => {
  io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
