// Gate: the site served under its sub-path from a plain static file server, crawled from the
// root — every link, asset and #anchor of every page of every locale resolves; other sites'
// links are listed, not fetched. Usage: node crawl.mjs <site> [--published URL]

import { siteArgs, finish } from './lib/cli.mjs';
import { crawl } from './lib/crawl.mjs';

const { siteDir, published, basePath } = siteArgs(process.argv, 'node crawl.mjs');
const r = await crawl({ siteDir, published });
if (r.external.length) {
  console.log(`Links to other sites (listed, not fetched): ${r.external.length}`);
  for (const [url, from] of r.external) console.log(`  ${url}  (first on ${from})`);
}
finish(
  `crawl under ${basePath}`,
  `${r.pages} pages, ${r.checked} links and assets, ${r.anchors} #anchors checked`,
  r.problems,
);
