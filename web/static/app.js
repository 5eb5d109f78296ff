// Enhancements only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js'

initAll()

// A link to a letter with ?hl= but no #fragment still brings the cited paragraph into view.
const cited = document.querySelector('.app-passage--cited')
if (cited && !window.location.hash) {
  cited.scrollIntoView({ block: 'start' })
}
