#!/bin/sh
# Regenerates the README's pictures in docs/images: the Graphviz pictures (ReadmePictures in
# examples) and two screenshots of the HTML view of notebook 002's static model, taken in
# headless Chromium by the viz browser test (needs /usr/bin/chromium and /usr/bin/chromedriver:
# apt-get install -y graphviz chromium chromium-driver). Run from anywhere: docs/readme-pictures.sh
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.skein.examples.ReadmePictures
shots=viz/target/viz-screenshots
rm -f "$shots"/lstm002-rnn-open.png "$shots"/lstm002-series-open-card.png
mvn -B -q -pl viz -am test -Dtest=Notebook002BrowserTest -Dsurefire.failIfNoSpecifiedTests=false
if [ ! -f "$shots"/lstm002-rnn-open.png ]; then
  echo "no screenshots: the browser test was skipped (is chromium-driver installed?)" >&2
  exit 1
fi
cp "$shots"/lstm002-rnn-open.png docs/images/lstm002_view.png
cp "$shots"/lstm002-series-open-card.png docs/images/lstm002_view_series_card.png
echo "wrote docs/images/{static_rnn,dynamic_rnn,lstm002_static,lstm002_static_series_open,lstm002_view,lstm002_view_series_card}.png"
