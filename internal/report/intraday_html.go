package report

import (
	"html/template"
	"io"
	"path/filepath"

	"github.com/eventstudy/eventstudy/internal/intraday"
)

// IntradayChart is a chart file of an intraday study, for the HTML report:
// its path relative to the output directory and what it shows.
type IntradayChart struct {
	Path, Caption string
}

var intradayHTML = template.Must(template.New("intraday").Funcs(template.FuncMap{
	"pct": ipct, "f3": if3,
	"stamp": func(e *intraday.Event) string { return e.FirstBar.Format("2006-01-02 15:04") },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}
td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:.9em}img{max-width:100%}</style></head>
<body><h1>{{.Title}}</h1>
<p>Intraday event study: {{len .Res.Events}} events ({{len .Res.Skipped}} skipped), model {{.Res.Config.Model}}{{if .Res.Config.Market}} on {{.Res.Config.Market}}{{end}},
{{.Res.Config.EstDays}} estimation sessions, {{.Res.Config.Calendar.Code}} {{if .Res.Config.Hours.Extended}}extended{{else}}regular{{end}} hours{{if .Res.Config.Overnight}}, windows continue overnight{{end}}.</p>
<ul class="note">{{range .Res.Notes}}<li>{{.}}</li>{{end}}</ul>
{{range .Charts}}<figure><img src="{{.Path}}" alt="{{.Caption}}"><figcaption>{{.Caption}}</figcaption></figure>{{end}}
<h2>Across events</h2>
<table><tr><th>window</th>{{range (index .Res.Cross 0)}}<th>{{.Test}}</th><th>p</th>{{end}}</tr>
{{range $i, $w := .Res.Config.Windows}}<tr><td>{{$w}}</td>{{range (index $.Res.Cross $i)}}<td>{{f3 .Stat}}</td><td>{{f3 .P}}</td>{{end}}</tr>
{{end}}</table>
<h2>Events</h2>
<table><tr><th>event</th><th>ticker</th><th>first bar</th><th>why</th><th>window</th><th>bars</th><th>return</th><th>CAR</th><th>t</th><th>p</th><th>percentile</th><th>empirical p</th><th>note</th></tr>
{{range $e := .Res.Events}}{{range .Windows}}<tr><td>{{$e.ID}}</td><td>{{$e.Ticker}}</td><td>{{stamp $e}}</td><td class="note">{{$e.Why}}</td><td>{{.Window}}</td><td>{{.NBars}}</td>
<td>{{pct .Return}}</td><td>{{pct .CAR}}</td><td>{{f3 .T}}</td><td>{{f3 .P}}</td><td>{{f3 .Pctl}}</td><td>{{f3 .PEmp}}</td><td class="note">{{.Note}}</td></tr>
{{end}}{{end}}</table>
{{if .Res.Skipped}}<h2>Skipped</h2><table><tr><th>event</th><th>ticker</th><th>reason</th></tr>
{{range .Res.Skipped}}<tr><td>{{.ID}}</td><td>{{.Ticker}}</td><td>{{.Reason}}</td></tr>{{end}}</table>{{end}}
<p class="note">Per event: the t of the window CAR with the forecast-error variance; the percentile of the CAR among the same clock-time window on the estimation days and its two-sided empirical p-value (Rinaudo &amp; Saha 2014), which cannot fall below 2/(N+1) with N days. The tables are in car.csv, ar.csv, tests.csv and caar_minute.csv.</p>
</body></html>
`))

// WriteIntradayHTML writes dir/report.html: the settings, the readers'
// notes, the charts given (drawn by the caller), the cross-event tests and
// each event's windows.
func WriteIntradayHTML(dir string, res *intraday.Result, meta Meta, title string, charts []IntradayChart) error {
	if title == "" {
		title = "Intraday event study"
	}
	return meta.Outputs.Write(filepath.Join(dir, "report.html"), func(w io.Writer) error {
		return intradayHTML.Execute(w, struct {
			Title  string
			Res    *intraday.Result
			Charts []IntradayChart
		}{title, res, charts})
	})
}
