package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestShardedStudyCombines checks the recipe of the README's "Beyond one
// machine": an event list split by security into shards, one study per
// shard, gives per-event tables (ar.csv, car.csv, fit.csv, skipped.csv but
// for its line column) whose rows, put together, are those of one study
// over the whole list; and the per-shard sums the README's table lists
// (n, sum, sum of squares and cubes, positive counts) give the whole
// study's cross-sectional t, sign, skewness-adjusted t, BMP and Patell
// tests and its AAR. The expected values are the whole study's tests.csv
// and aar.csv; the combined ones are computed here from the shards' CSV
// files with the closed forms of STATISTICS.md, so the test fails if a
// per-event output comes to depend on the other events of the list, or
// if a test stops being a function of those sums. Tolerance 1e-11
// relative (1e-13 absolute near zero): the sums are added in another
// order than the tool's (the README's 10,000-event example agrees to
// 2e-14).
func TestShardedStudyCombines(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a panel and runs 4 studies")
	}
	dir := genPanel(t, 60, 700, 900)
	events := readCSV(t, filepath.Join(dir, "events.csv"))
	// Three shards, a security's events in one, in list order (the
	// README's awk: securities dealt round-robin by first appearance).
	const k = 3
	shardOf := map[string]int{}
	shards := make([][][]string, k)
	for i := range shards {
		shards[i] = [][]string{events[0]}
	}
	for _, r := range events[1:] {
		s, ok := shardOf[r[1]]
		if !ok {
			s = len(shardOf) % k
			shardOf[r[1]] = s
		}
		shards[s] = append(shards[s], r)
	}
	whole := runBatch(t, dir, filepath.Join(dir, "events.csv"))
	parts := make([]map[string][]byte, k)
	for i, rows := range shards {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("ev-%d.csv", i))
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		parts[i] = runBatch(t, dir, path)
	}

	// The per-event tables: the same rows (skipped.csv's line counts lines
	// of the shard's list).
	for _, name := range []string{"ar.csv", "car.csv", "fit.csv", "skipped.csv"} {
		want := records(t, whole[name])
		var got [][]string
		for _, p := range parts {
			r := records(t, p[name])
			if !slices.Equal(r[0], want[0]) {
				t.Fatalf("%s: header %v, want %v", name, r[0], want[0])
			}
			got = append(got, r[1:]...)
		}
		key := func(rows [][]string) []string {
			var ks []string
			for _, r := range rows {
				if name == "skipped.csv" {
					r = slices.Delete(slices.Clone(r), 3, 4) // event_id, ticker, event_date, line, reason
				}
				ks = append(ks, strings.Join(r, "\x00"))
			}
			slices.Sort(ks)
			return ks
		}
		if g, w := key(got), key(want[1:]); !slices.Equal(g, w) {
			t.Errorf("%s: the shards' %d rows are not the whole study's %d", name, len(g), len(w))
		}
		if name == "car.csv" && len(want) < 1500 {
			t.Fatalf("car.csv has %d rows: too few events computed to test anything", len(want)-1)
		}
	}

	// Per-shard sums, added over the shards.
	type sums struct{ n, s1, s2, s3, pos, b1, b2, p, pv float64 }
	add := func(m map[string]*sums, key string) *sums {
		if m[key] == nil {
			m[key] = &sums{}
		}
		return m[key]
	}
	win := map[string]*sums{} // by "from:to": CARs (s), car_t (b), Patell's window sum (p)
	day := map[string]*sums{} // by rel_day: ARs (s), SARs (b), sum of df/(df-2) (pv)
	for _, p := range parts {
		car := table(t, p["car.csv"])
		df := map[string]float64{}
		for _, r := range car.rows {
			df[r[car.col["event_id"]]], _ = strconv.ParseFloat(r[car.col["df"]], 64)
		}
		sar := map[string]map[int]float64{}
		ar := table(t, p["ar.csv"])
		for _, r := range ar.rows {
			id := r[ar.col["event_id"]]
			d, _ := strconv.Atoi(r[ar.col["rel_day"]])
			a, errA := strconv.ParseFloat(r[ar.col["ar"]], 64)
			s, errS := strconv.ParseFloat(r[ar.col["sar"]], 64)
			if errA != nil || errS != nil {
				t.Fatalf("ar.csv: %v: an AR or SAR is missing", r)
			}
			if sar[id] == nil {
				sar[id] = map[int]float64{}
			}
			sar[id][d] = s
			x := add(day, strconv.Itoa(d))
			f := df[id]
			x.n++
			x.s1 += a
			x.s2 += a * a
			x.b1 += s
			x.b2 += s * s
			x.pv += f / (f - 2)
		}
		for _, r := range car.rows {
			from, _ := strconv.Atoi(r[car.col["from"]])
			to, _ := strconv.Atoi(r[car.col["to"]])
			c, err1 := strconv.ParseFloat(r[car.col["car"]], 64)
			ct, err2 := strconv.ParseFloat(r[car.col["car_t"]], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("car.csv: %v: no CAR or car_t", r)
			}
			x := add(win, fmt.Sprintf("%d:%d", from, to))
			x.n++
			x.s1 += c
			x.s2 += c * c
			x.s3 += c * c * c
			if c > 0 {
				x.pos++
			}
			x.b1 += ct
			x.b2 += ct * ct
			var csar float64
			for d := from; d <= to; d++ {
				csar += sar[r[car.col["event_id"]]][d]
			}
			l, f := float64(to-from+1), df[r[car.col["event_id"]]]
			x.p += csar / math.Sqrt(l*f/(f-2))
		}
	}
	meanT := func(n, s1, s2 float64) float64 {
		m := s1 / n
		return m / math.Sqrt((s2-n*m*m)/(n-1)/n)
	}
	// The closed forms of STATISTICS.md, from the sums.
	got := map[string]float64{}
	for w, x := range win {
		n, m := x.n, x.s1/x.n
		sd := math.Sqrt((x.s2 - n*m*m) / (n - 1))
		g := (x.s3 - 3*m*x.s2 + 2*n*m*m*m) / (n * sd * sd * sd)
		s := m / sd
		got["window "+w+" t"] = meanT(n, x.s1, x.s2)
		got["window "+w+" sign"] = (x.pos - n/2) / (math.Sqrt(n) / 2)
		got["window "+w+" skew-t-car"] = math.Sqrt(n) * (s + g*s*s/3 + g/(6*n))
		got["window "+w+" bmp"] = meanT(n, x.b1, x.b2)
		got["window "+w+" patell"] = x.p / math.Sqrt(n)
	}
	for d, x := range day {
		got["day "+d+" t"] = meanT(x.n, x.s1, x.s2)
		got["day "+d+" bmp"] = meanT(x.n, x.b1, x.b2)
		got["day "+d+" patell"] = x.b1 / math.Sqrt(x.pv)
		got["aar "+d] = x.s1 / x.n
	}

	want := map[string]float64{}
	tests := table(t, whole["tests.csv"])
	for _, r := range tests.rows {
		key := r[tests.col["scope"]] + " "
		if r[0] == "window" {
			key += r[tests.col["from"]] + ":" + r[tests.col["to"]]
		} else {
			key += r[tests.col["rel_day"]]
		}
		key += " " + r[tests.col["test"]]
		if _, ok := got[key]; ok {
			want[key], _ = strconv.ParseFloat(r[tests.col["statistic"]], 64)
		}
	}
	aar := table(t, whole["aar.csv"])
	for _, r := range aar.rows {
		want["aar "+r[aar.col["rel_day"]]], _ = strconv.ParseFloat(r[aar.col["aar"]], 64)
	}
	// 3 windows x 5 tests, 11 days x 3 tests, 11 AARs.
	if len(got) != 59 || len(want) != len(got) {
		t.Fatalf("%d combined statistics, %d in the whole study's tables; want 59 of each", len(got), len(want))
	}
	for key, w := range want {
		if g := got[key]; !(math.Abs(g-w) <= max(1e-11*math.Abs(w), 1e-13)) {
			t.Errorf("%s: %.17g from the shards' sums, %.17g in the whole study", key, g, w)
		}
	}
}

// csvTable is a CSV file's rows after its header, with the header's
// column indices.
type csvTable struct {
	col  map[string]int
	rows [][]string
}

func table(t *testing.T, b []byte) csvTable {
	t.Helper()
	r := records(t, b)
	tb := csvTable{col: map[string]int{}, rows: r[1:]}
	for i, name := range r[0] {
		tb.col[name] = i
	}
	return tb
}

func records(t *testing.T, b []byte) [][]string {
	t.Helper()
	r, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(r) == 0 {
		t.Fatalf("csv: %v (%d records)", err, len(r))
	}
	return r
}
