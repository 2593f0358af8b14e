package prices

import (
	"fmt"
	"math"
	"slices"
)

// SpliceTolerance is the relative difference up to which two files' values
// of one ticker on the same date agree (Splice).
const SpliceTolerance = 1e-6

// Source is one file's share of a spliced series: the rows taken from it,
// the first and the last of them.
type Source struct {
	File     string
	From, To Date
	Rows     int
}

// Splice joins two series of one ticker read from different files, such as
// an index's long history and a newer download. On the dates both hold a
// value the values must agree within SpliceTolerance (relative to the
// larger), except that a last row a.PartialLast or b.PartialLast flags as
// a partial day gives way to the other file's row of that date (and is
// dropped if the other file has none but goes on after it: a partial day
// inside the series would pass for a full one). Any other
// disagreement is an error (ErrDisagree) naming both files, the first date
// and both values; when every common date differs by one factor, the error
// says so: prices adjusted for dividends or splits as of different
// downloads cannot be joined without a return that belongs to neither.
//
// Two files of prices must share at least one date on which they agree
// (else ErrNoOverlap):
// without it the return across the junction would divide a price of one
// file by a price of the other, unchecked. Files of returns (IsReturn)
// need no common date.
//
// From the first date of the file that starts later (b if both start on
// the same date), its rows are kept, and the other file's rows fill the
// dates it lacks or has no value on; before it, the earlier file's. Each
// file supplies its rows' volume (NaN where the file has no volume column;
// Volume is nil if neither has one). Volumes are not compared: in the two
// Yahoo downloads of the Hang Seng index in ../shared/data/benchmarks
// every one of the 765 full common days' prices agree exactly, while the
// newer file's volumes are rounded to 100,000 shares and the older one has
// a volume of 0 on 2022-02-07.
//
// The result's File names both files ("a and b"), Sources says which rows
// came from which; Files lists them.
func Splice(a, b *Series) (*Series, error) {
	if a.Ticker != b.Ticker {
		panic(fmt.Sprintf("prices: Splice of %s and %s", a.Ticker, b.Ticker))
	}
	if a.IsReturn != b.IsReturn {
		ra, rb := holds(a), holds(b)
		return nil, fmt.Errorf("%s: %s and %s %w: %s holds %s, %s holds %s", quote(a.Ticker), a.File, b.File, ErrDisagree, a.File, ra, b.File, rb)
	}
	if len(a.Dates) == 0 {
		return b, nil
	}
	if len(b.Dates) == 0 {
		return a, nil
	}
	// late is the file whose rows are kept from its first date on.
	early, late := a, b
	if b.Dates[0] < a.Dates[0] {
		early, late = b, a
	}
	partialEarly, partialLate := isPartial(early), isPartial(late)

	out := &Series{Ticker: a.Ticker, File: a.File + " and " + b.File, IsReturn: a.IsReturn}
	n := len(a.Dates) + len(b.Dates)
	out.Dates = make([]Date, 0, n)
	out.Values = make([]float64, 0, n)
	withVolume := a.Volume != nil || b.Volume != nil
	if withVolume {
		out.Volume = make([]float64, 0, n)
	}
	// The sources of the rows, in the order of their first row; a series
	// spliced before (a third file) brings its own.
	var from []*Source
	add := func(s *Series, j int) {
		out.Dates = append(out.Dates, s.Dates[j])
		out.Values = append(out.Values, s.Values[j])
		if withVolume {
			v := math.NaN()
			if s.Volume != nil {
				v = s.Volume[j]
			}
			out.Volume = append(out.Volume, v)
		}
		file := s.fileOf(j)
		k := slices.IndexFunc(from, func(src *Source) bool { return src.File == file })
		if k < 0 {
			k = len(from)
			from = append(from, &Source{File: file, From: s.Dates[j]})
		}
		from[k].To = s.Dates[j]
		from[k].Rows++
	}

	var mismatch []Date // common dates whose values disagree
	var first [2]float64
	var ratios []float64
	agreed := 0
	i, j := 0, 0
	for i < len(early.Dates) || j < len(late.Dates) {
		switch {
		case j == len(late.Dates) || i < len(early.Dates) && early.Dates[i] < late.Dates[j]:
			// A partial last row within the other file's dates
			// would be a partial day inside the series: dropped.
			if !(i == len(early.Dates)-1 && partialEarly && j < len(late.Dates)) {
				add(early, i)
			}
			i++
		case i == len(early.Dates) || late.Dates[j] < early.Dates[i]:
			if !(j == len(late.Dates)-1 && partialLate && i < len(early.Dates)) {
				add(late, j)
			}
			j++
		default: // the same date
			x, y := early.Values[i], late.Values[j]
			lastEarly, lastLate := i == len(early.Dates)-1, j == len(late.Dates)-1
			switch {
			case lastLate && partialLate && !(lastEarly && partialEarly):
				add(early, i)
			case lastEarly && partialEarly:
				add(late, j)
			case math.IsNaN(y):
				add(early, i)
			case math.IsNaN(x):
				add(late, j)
			default:
				if !agree(x, y) {
					if len(mismatch) == 0 {
						first = [2]float64{x, y}
					}
					mismatch = append(mismatch, early.Dates[i])
					ratios = append(ratios, y/x)
				} else {
					agreed++
				}
				add(late, j)
			}
			i++
			j++
		}
	}
	if len(mismatch) > 0 {
		return nil, disagreement(a.Ticker, early, late, mismatch, first, ratios, agreed)
	}
	if agreed == 0 && !a.IsReturn {
		return nil, fmt.Errorf("%s: %s (%s..%s) and %s (%s..%s): %w with a price in both, to check the return across the junction",
			quote(a.Ticker), early.File, early.Dates[0], early.Dates[len(early.Dates)-1],
			late.File, late.Dates[0], late.Dates[len(late.Dates)-1], ErrNoOverlap)
	}
	for _, f := range from {
		out.Sources = append(out.Sources, *f)
	}
	return out, nil
}

// Files returns the files s was read from: Sources' files for a spliced
// series, else File.
func (s *Series) Files() []string {
	if len(s.Sources) == 0 {
		return []string{s.File}
	}
	files := make([]string, len(s.Sources))
	for i, src := range s.Sources {
		files[i] = src.File
	}
	return files
}

// fileOf returns the file row j of s came from.
func (s *Series) fileOf(j int) string {
	for _, src := range s.Sources {
		if d := s.Dates[j]; d >= src.From && d <= src.To {
			return src.File
		}
	}
	return s.File
}

func isPartial(s *Series) bool {
	_, _, p := s.PartialLast()
	return p
}

func holds(s *Series) string {
	if s.IsReturn {
		return "returns"
	}
	return "prices"
}

// agree reports whether x and y are equal within SpliceTolerance relative
// to the larger of them.
func agree(x, y float64) bool {
	return math.Abs(x-y) <= SpliceTolerance*math.Max(math.Abs(x), math.Abs(y))
}

// disagreement describes the common dates on which early and late differ.
func disagreement(ticker string, early, late *Series, dates []Date, first [2]float64, ratios []float64, agreed int) error {
	if agreed == 0 && len(ratios) > 1 {
		constant := true
		for _, r := range ratios[1:] {
			if !agree(r, ratios[0]) {
				constant = false
				break
			}
		}
		if constant {
			return fmt.Errorf("%s: %s and %s %w on all %d common dates (%s..%s) by a factor of %.6g, e.g. %s: %s and %s: prices adjusted for dividends or splits as of different dates? Give files adjusted alike, or one file",
				quote(ticker), early.File, late.File, ErrDisagree, len(dates), dates[0], dates[len(dates)-1], ratios[0],
				dates[0], fmtValue(first[0]), fmtValue(first[1]))
		}
	}
	more := ""
	if len(dates) > 1 {
		more = fmt.Sprintf("; and on %d more of the %d common dates", len(dates)-1, len(dates)+agreed)
	}
	return fmt.Errorf("%s: %s and %s %w on %s: %s and %s, a relative difference of %.2g (more than %g)%s",
		quote(ticker), early.File, late.File, ErrDisagree, dates[0], fmtValue(first[0]), fmtValue(first[1]),
		math.Abs(first[1]-first[0])/math.Max(math.Abs(first[0]), math.Abs(first[1])), SpliceTolerance, more)
}

func fmtValue(v float64) string { return fmt.Sprintf("%.10g", v) }
