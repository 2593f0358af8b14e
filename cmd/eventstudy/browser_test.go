package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// chromium is Debian's Chromium, which .ci/run installs.
const chromium = "/usr/bin/chromium"

// browserResult is what headless Chromium made of a page.
type browserResult struct {
	dom      []byte   // the DOM after the page's scripts ran (--dump-dom)
	console  []string // lines of Chromium's log from the page's console
	requests []string // network requests the page made, from the net log
}

// openInChromium loads page (a file) in headless Chromium, with every
// background service off, and takes a screenshot when shot is set.
func openInChromium(t *testing.T, page, shot string) browserResult {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install -y chromium; .ci/run installs it): %v", chromium, err)
	}
	tmp := t.TempDir()
	netlog := filepath.Join(tmp, "netlog.json")
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-quic", "--user-data-dir=" + filepath.Join(tmp, "profile"),
		"--enable-logging=stderr", "--v=0", "--log-net-log=" + netlog, "--window-size=1280,2000", "--dump-dom"}
	if shot != "" {
		args = append(args, "--screenshot="+shot)
	}
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, append(args, "file://"+abs)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	var res browserResult
	res.dom = stdout.Bytes()
	for line := range strings.Lines(stderr.String()) {
		// Console messages are logged as INFO:CONSOLE(line) "message".
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Content Security Policy") {
			res.console = append(res.console, strings.TrimSpace(line))
		}
	}
	res.requests = pageRequests(t, netlog)
	return res
}

// pageRequests reads Chromium's net log and returns the URL of each
// request the page started. Chromium's own requests (time, component
// update, accounts: made in spite of the flags) have no initiator ("not an
// origin"); a request from a file:// page has the initiator "null" and the
// file:// network isolation key.
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	b, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("net log: %v", err)
	}
	var log struct {
		Constants struct {
			EventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int `json:"type"`
			Params struct {
				URL       string `json:"url"`
				Initiator string `json:"initiator"`
				NIK       string `json:"network_isolation_key"`
			} `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatalf("net log: %v", err)
	}
	start, ok := log.Constants.EventTypes["URL_REQUEST_START_JOB"]
	if !ok {
		t.Fatal("net log: no URL_REQUEST_START_JOB event type")
	}
	var out []string
	for _, e := range log.Events {
		p := e.Params
		if e.Type == start && p.URL != "" && (p.Initiator != "not an origin" || strings.Contains(p.NIK, "file://")) {
			out = append(out, p.URL)
		}
	}
	return out
}

// checkPage fails on console messages, requests, and elements or
// attributes in the DOM that the report's template does not make: one
// script and one style element, no event handlers, no src, no links but
// the page's anchors.
func checkPage(t *testing.T, r browserResult) *html.Node {
	t.Helper()
	for _, l := range r.console {
		t.Errorf("console: %s", l)
	}
	for _, u := range r.requests {
		t.Errorf("the page requested %s", u)
	}
	doc, err := html.Parse(bytes.NewReader(r.dom))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		count[n.Data]++
		for _, a := range n.Attr {
			switch {
			case strings.HasPrefix(strings.ToLower(a.Key), "on"):
				t.Errorf("<%s %s=%q>: an event handler", n.Data, a.Key, a.Val)
			case a.Key == "src":
				t.Errorf("<%s src=%q>", n.Data, a.Val)
			case a.Key == "href" && !strings.HasPrefix(a.Val, "#"):
				t.Errorf("<%s href=%q>", n.Data, a.Val)
			}
		}
	}
	for _, el := range []string{"img", "iframe", "object", "embed", "b", "i", "u", "form", "input", "base", "link"} {
		if count[el] > 0 {
			t.Errorf("%d <%s> elements in the DOM", count[el], el)
		}
	}
	if count["script"] != 1 || count["style"] != 1 {
		t.Errorf("%d script and %d style elements, want 1 and 1", count["script"], count["style"])
	}
	return doc
}

// TestReportInChromium opens the report of the bundled example in headless
// Chromium: it loads with no console message and no request, its sorting
// script runs, and its screenshot is a picture.
func TestReportInChromium(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install -y chromium; .ci/run installs it)", chromium)
	}
	dir := t.TempDir()
	var stderr bytes.Buffer
	if code := run([]string{"demo", "--out", dir, "--report"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, stderr.String())
	}
	shot := filepath.Join(dir, "report.png")
	r := openInChromium(t, filepath.Join(dir, "report.html"), shot)
	doc := checkPage(t, r)

	text := domText(doc)
	for _, want := range []string{"Tests across events, per window", "Cross-sectional t", "E301", "no prices for ticker SYN999", "Corrado (1989)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	// The sorting script ran: it makes each header of a sortable table
	// focusable.
	if !bytes.Contains(r.dom, []byte(`<th tabindex="0">`)) {
		t.Error("the sorting script did not run")
	}
	if n := bytes.Count(r.dom, []byte(`<svg role="img" class="figure"`)); n != 1 {
		t.Errorf("%d figures, want the CAAR chart", n)
	}

	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %v, want 1280 x 2000", b)
	}
	if n := colours(img); n < 20 {
		t.Errorf("screenshot has %d colours: nothing drawn", n)
	}
}

// TestReportInChromiumInjection runs a study whose event list and price
// file have markup in every text field (ids, tickers, the market, extra
// columns and their names, groups, the title, a skipped event) and opens its
// report in Chromium: no element comes from the input, nothing runs (each
// payload would log to the console) and the markup shows as text.
func TestReportInChromiumInjection(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install -y chromium; .ci/run installs it)", chromium)
	}
	const (
		id     = `<script>console.error("XSS id")</script>`
		tickA  = `<img src=x onerror=console.error("XSS-ticker")>`
		tickB  = `"><svg onload=console.error("XSS-b")>`
		market = `</td><script>console.error("XSS market")</script>`
		note   = `<iframe src="javascript:console.error('XSS note')"></iframe>`
		good   = `<b onmouseover=console.error("XSS")>good</b>`
		bad    = `bad"'><img src=y onerror=console.error(1)>`
		title  = `<script>console.error("XSS title")</script>`
		gone   = `<style>*{display:none}</style>`
		noteH  = `<i onclick=console.error(2)>note</i>`
	)
	dir := t.TempDir()
	// Prices: a long panel of 400 weekdays, made-up deterministic values.
	var pb bytes.Buffer
	pw := csv.NewWriter(&pb)
	pw.Write([]string{"date", "ticker", "close"})
	var dates []string
	for d := time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC); len(dates) < 400; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			dates = append(dates, d.Format(time.DateOnly))
		}
	}
	for k, tk := range []string{market, tickA, tickB} {
		for i, d := range dates {
			v := 100 + 10*math.Sin(float64(i*(k+1))/7) + float64(i)/50 + 3*math.Cos(float64(i*i%97))
			pw.Write([]string{d, tk, fmt.Sprintf("%.4f", v)})
		}
	}
	pw.Flush()
	prices := filepath.Join(dir, "prices.csv")
	if err := os.WriteFile(prices, pb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var eb bytes.Buffer
	ew := csv.NewWriter(&eb)
	ew.Write([]string{"id", "ticker", "market", "date", noteH, "grp"})
	for i := range 8 {
		ev := []string{fmt.Sprintf("%s%d", id, i), []string{tickA, tickB}[i%2], market, dates[280+9*i], note, []string{good, bad}[i/4]}
		ew.Write(ev)
	}
	ew.Write([]string{gone, gone, market, dates[300], note, good})
	ew.Flush()
	events := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(events, eb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stderr bytes.Buffer
	args := []string{"run", "--events", events, "--prices", prices, "--group", "grp", "--title", title,
		"--charts=false", "--quiet", "--report", "--out", out}
	if code := run(args, io.Discard, &stderr); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr.String())
	}
	r := openInChromium(t, filepath.Join(out, "report.html"), "")
	text := domText(checkPage(t, r))
	for _, s := range []string{id + "0", tickA, tickB, market, note, good, bad, gone, noteH} {
		if !strings.Contains(text, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
}

// domText is the text of a document outside scripts and styles.
func domText(doc *html.Node) string {
	var b strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && n.Parent != nil && n.Parent.Data != "script" && n.Parent.Data != "style" {
			b.WriteString(n.Data)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// colours counts the distinct colours of an image, up to 1,000.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}
