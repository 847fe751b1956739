// The projector's pages, turned from the dashboard: shown only while the projector window (in
// this browser) shows a presenting group's board that needs more than one page.
import { $, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { ProjectorLink } from './lib/projector-link.js';

export class RemotePager {
  constructor() {
    this.link = null;
    this.state = { page: 0, pages: 0 };
    $('#remote-prev').addEventListener('click', () => this.link && this.link.send({ type: 'turn', delta: -1 }));
    $('#remote-next').addEventListener('click', () => this.link && this.link.send({ type: 'turn', delta: 1 }));
  }

  /** Follows the workshop shown now (null: none). */
  follow(workshopId) {
    if (this.link && this.link.id === workshopId) return;
    if (this.link) this.link.close();
    this.link = null;
    this.state = { page: 0, pages: 0 };
    if (workshopId) {
      this.link = new ProjectorLink(workshopId, (m) => {
        if (m.type === 'pages') {
          this.state = { page: m.page || 0, pages: m.pages || 0 };
          this.render();
        }
      });
      // A projector opened before this page answers with where it stands.
      this.link.send({ type: 'hello' });
    }
    this.render();
  }

  render() {
    const { page, pages } = this.state;
    show($('#remote-pager'), pages > 1);
    setText($('#remote-page'), t('ins.projectorPage', { i: page + 1, n: pages }));
    $('#remote-prev').disabled = page <= 0;
    $('#remote-next').disabled = page >= pages - 1;
  }
}
