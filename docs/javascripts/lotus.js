// The site's one page script, on every page: in-page links only scroll, printed
// forms hold every answer, and on each page the theme shows, the components it
// holds are mounted by the loader (lib/loader.js) from components/.

import { keepInPageLinksInPage, pageShown } from "./lib/in-page-links.js";
import { start } from "./lib/loader.js";
import { printInFull } from "./lib/print.js";
import { readPage } from "./lib/reading.js";

keepInPageLinksInPage();
printInFull();
start(() => {
  pageShown();
  readPage();
});
