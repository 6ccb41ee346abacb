#!/usr/bin/env node
// The peer of `folio -t markdown` on HTML pages: Mozilla's Readability
// extracts the article, then turndown writes it as Markdown, the way a
// Node user would migrate an archive. One process for every input.
//
//     node convert.js OUTDIR FILE...
//     node convert.js OUTDIR --list LISTFILE     (one path a line)
//
// writes OUTDIR/NAME.md for each input NAME.html: "# title", then the
// article. Exits 1 when an input cannot be read or has no article.
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const TurndownService = require('turndown');

function inputs(args) {
  if (args[0] === '--list') {
    return fs.readFileSync(args[1], 'utf8').split('\n').filter((line) => line !== '');
  }
  return args;
}

function main() {
  const [outdir, ...rest] = process.argv.slice(2);
  const files = inputs(rest);
  if (!outdir || files.length === 0) {
    process.stderr.write('usage: node convert.js OUTDIR FILE... | OUTDIR --list LISTFILE\n');
    process.exit(2);
  }
  fs.mkdirSync(outdir, { recursive: true });
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
  let failed = 0;
  for (const file of files) {
    // Bytes, not a string: jsdom sniffs the encoding as a browser would.
    const dom = new JSDOM(fs.readFileSync(file), { url: 'file://' + path.resolve(file) });
    const article = new Readability(dom.window.document).parse();
    dom.window.close();
    if (!article) {
      process.stderr.write(file + ': no article found\n');
      failed++;
      continue;
    }
    const markdown = '# ' + article.title + '\n\n' + turndown.turndown(article.content) + '\n';
    const name = path.basename(file, path.extname(file)) + '.md';
    fs.writeFileSync(path.join(outdir, name), markdown);
  }
  process.exit(failed ? 1 : 0);
}

main();
