// The dashboard and the projector window of one browser talk over a BroadcastChannel: the
// projector tells which page of a long board it shows, the dashboard turns its pages. The
// instructor stands at the laptop while the projector's window is on the other screen, out of
// reach of the keyboard.
export class ProjectorLink {
  constructor(workshopId, onMessage) {
    this.id = workshopId;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`breakout.projector.${workshopId}`) : null;
    if (this.channel) this.channel.onmessage = (e) => onMessage(e.data || {});
  }

  send(message) {
    if (this.channel) this.channel.postMessage(message);
  }

  close() {
    if (this.channel) this.channel.close();
    this.channel = null;
  }
}
