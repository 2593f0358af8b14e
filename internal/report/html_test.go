package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/eventstudy/eventstudy/internal/chart"
	"github.com/eventstudy/eventstudy/internal/prices"
)

// Input strings that would be markup if written unescaped.
const (
	xssTicker = `<img src=x onerror=alert(1)>`
	xssMarket = `"onerror="alert(2)`
	xssID     = `<script>alert(3)</script>`
	xssNote   = `</td></tr></table><script>alert(4)</script>`
	xssGroup  = `<b onmouseover=alert(5)>good</b>`
	xssTitle  = `<script>alert(6)</script>`
	xssSkip   = `<svg onload=alert(7)>`
)

// xssStudy is a study whose every text field from the inputs is markup:
// tickers, market, ids, extra column names and values, group names, the
// title and a skipped event (whose reason names its ticker).
func xssStudy(t *testing.T) (*htmlPage, []byte) {
	t.Helper()
	fx := newFixture(xssMarket, xssTicker, "B")
	list := fx.events(12, []string{xssTicker, "B"}, []string{`<i>note</i>`, "grp"}, func(i int) []string {
		g := xssGroup
		if i%2 == 1 {
			g = `'"><img src=y>`
		}
		return []string{xssNote, g}
	})
	list.Events[0].ID = xssID
	list.Events = append(list.Events, prices.Event{ID: xssSkip, Ticker: xssSkip, Date: fx.dates[300], Written: `<u>2022</u>`, Line: 99})
	res := fx.run(t, list, xssMarket, "grp", 0)
	if len(res.Skipped) != 1 || len(res.Groups) != 2 {
		t.Fatalf("fixture: %d skipped and %d groups, want 1 and 2", len(res.Skipped), len(res.Groups))
	}
	dir := t.TempDir()
	meta := Meta{Version: "test", Inputs: []Input{{Role: "events", Path: `<a href="http://x">events.csv</a>`, SHA256: "00"}}}
	if err := WriteHTML(dir, res, meta, xssTitle); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := newHTMLPage(res, meta, xssTitle)
	if err != nil {
		t.Fatal(err)
	}
	return page, b
}

// TestHTMLEscapesInput: no string from the inputs becomes an element or an
// attribute; each shows as text.
func TestHTMLEscapesInput(t *testing.T) {
	_, b := xssStudy(t)
	checkNoInjection(t, b)
	text := textOf(t, b)
	for _, s := range []string{xssTicker, xssMarket, xssID, xssNote, xssGroup, xssSkip, `<i>note</i>`, "<u>2022</u>"} {
		if !strings.Contains(text, s) {
			t.Errorf("the page's text does not show %q", s)
		}
	}
	if !bytes.Contains(b, []byte("&lt;script&gt;alert(3)&lt;/script&gt;")) {
		t.Error("the id is not written escaped")
	}
}

// checkNoInjection parses a report and fails on any element or attribute
// that did not come from the template: exactly one script (the sorting
// script), no img, b, i or u elements, no event-handler attributes, no
// src, and no href but the page's own anchors.
func checkNoInjection(t *testing.T, page []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	scripts := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script":
			scripts++
			if n.FirstChild == nil || n.FirstChild.Data != sortScript {
				t.Errorf("a script element that is not the sorting script: %.80q", n.FirstChild)
			}
		case "img", "b", "i", "u", "iframe", "object", "embed":
			t.Errorf("an element %s from the input", n.Data)
		}
		for _, a := range n.Attr {
			switch {
			case strings.HasPrefix(strings.ToLower(a.Key), "on"):
				t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
			case a.Key == "src":
				t.Errorf("<%s> has src=%q", n.Data, a.Val)
			case a.Key == "href" && !strings.HasPrefix(a.Val, "#"):
				t.Errorf("<%s> links to %q", n.Data, a.Val)
			}
		}
	}
	if scripts != 1 {
		t.Errorf("%d script elements, want 1", scripts)
	}
}

// textOf returns the text of a page's body, as a reader sees it.
func textOf(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "script" && n.Parent.Data != "style") {
			b.WriteString(n.Data)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestHTMLSelfContained: the page asks for nothing (its
// Content-Security-Policy forbids every fetch), holds its charts as inline
// SVG, names every test it reports and is the same bytes twice.
func TestHTMLSelfContained(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	list := fx.events(30, []string{"A", "B", "C"}, nil, nil)
	res := fx.run(t, list, "MKT", "", 200)
	write := func() []byte {
		dir := t.TempDir()
		if err := WriteHTML(dir, res, Meta{Version: "test"}, ""); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := write()
	if !bytes.Equal(b, write()) {
		t.Error("two writes of the same study differ")
	}
	checkNoInjection(t, b)
	s := string(b)
	for _, want := range []string{
		`http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`,
		`<svg role="img" class="figure"`,
		"Event study: 30 events, 3 securities, market model", // the generated title
		"Boehmer-Musumeci-Poulsen", "Kolari-Pynnönen adjusted Patell Z", "Bootstrap of the CAAR", "bootstrap 95% interval",
		"Campbell, Lo &amp; MacKinlay (1997, ch. 4)", // the model's source
		`<table class="sortable">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The only URLs are XML namespaces of the SVG figures.
	for _, u := range []string{"https://", "http://"} {
		for rest := s; ; {
			i := strings.Index(rest, u)
			if i < 0 {
				break
			}
			if !strings.HasPrefix(rest[i:], "http://www.w3.org/") {
				t.Errorf("a URL in the page: %.60s", rest[i:])
			}
			rest = rest[i+1:]
		}
	}
}

// TestHTMLCapsSkipped: a long list of skipped events shows its first
// maxHTMLSkipped and says how many more skipped.csv has.
func TestHTMLCapsSkipped(t *testing.T) {
	fx := newFixture("MKT", "A", "B")
	list := fx.events(3, []string{"A", "B"}, nil, nil)
	for i := range maxHTMLSkipped + 50 {
		list.Events = append(list.Events, prices.Event{ID: "S", Ticker: "NOPE", Date: fx.dates[300], Line: 10 + i})
	}
	res := fx.run(t, list, "MKT", "", 0)
	page, err := newHTMLPage(res, Meta{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Skipped) != maxHTMLSkipped || page.SkippedLeft != 50 {
		t.Errorf("%d skipped shown and %d left, want %d and 50", len(page.Skipped), page.SkippedLeft, maxHTMLSkipped)
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "50 more are listed in skipped.csv") {
		t.Error("no note on the skipped events left out")
	}
}

// TestHTMLNamesXLSXLeftOut: a report written beside a workbook that leaves
// a table out says which, why and where it is; without one it says nothing
// of it. The events table builds only the rows it shows.
func TestHTMLNamesXLSXLeftOut(t *testing.T) {
	fx := newFixture("MKT", "A", "B", "C")
	res := fx.run(t, fx.events(12, []string{"A", "B", "C"}, nil, nil), "MKT", "", 0)
	// 12 events x 5 days (-2..2) = 60 rows of ar, more than a limit of 30.
	lo := xlsxLeftOut(res, 30)
	want := "The ar sheet is left out of results.xlsx: its 60 rows are more than the 30 a per-event sheet holds; ar.csv has them all."
	for _, tc := range []struct {
		meta Meta
		says bool
	}{{Meta{XLSXLeftOut: lo}, true}, {Meta{}, false}} {
		page, err := newHTMLPage(res, tc.meta, "")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := htmlTemplate.Execute(&buf, page); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), want); got != tc.says {
			t.Errorf("meta %+v: report says %q: %v, want %v", tc.meta.XLSXLeftOut, want, got, tc.says)
		}
	}
	_, all := eventTable(res, len(res.Events))
	head, first := eventTable(res, 5)
	if len(all) != 12 || len(first) != 5 || len(head) != len(first[0]) || fmt.Sprint(first) != fmt.Sprint(all[:5]) {
		t.Errorf("eventTable: %d rows of 12 and %d of the first 5, want the first 5 rows of all", len(all), len(first))
	}
}

func TestStars(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want string
	}{{0.2, ""}, {0.1, ""}, {0.099, "*"}, {0.05, "*"}, {0.049, "**"}, {0.01, "**"}, {0.0099, "***"}, {math.NaN(), ""}} {
		if got := stars(tc.p); got != tc.want {
			t.Errorf("stars(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

// TestReportStyle: the charts of the HTML report and of the workbook take
// Meta.Style, as --style does the chart files: the paper style draws
// its text in Liberation Serif, the default in Liberation Sans (as the
// page itself).
func TestReportStyle(t *testing.T) {
	fx := newFixture("MKT", "A", "B")
	res := fx.run(t, fx.events(4, []string{"A", "B"}, nil, nil), "MKT", "", 0)
	for _, tt := range []struct {
		style     chart.Style
		want, not string
	}{
		{chart.Default, "Liberation Sans", "Liberation Serif"},
		{chart.Paper, "Liberation Serif", "no such font"},
	} {
		dir := t.TempDir()
		if err := WriteHTML(dir, res, Meta{Style: tt.style}, ""); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(tt.want)) || bytes.Contains(b, []byte(tt.not)) {
			t.Errorf("style %v: the report's figures are not in %s", tt.style, tt.want)
		}
		// The workbook holds PNGs; its figures are studyFigures', as here.
		figs, err := studyFigures(res, "", tt.style)
		if err != nil {
			t.Fatal(err)
		}
		if got := figs[0].Plot.Title.TextStyle.Font.Variant; "Liberation "+string(got) != tt.want {
			t.Errorf("style %v: figure font %s", tt.style, got)
		}
	}
}
