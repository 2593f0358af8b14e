package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestStudyKeysAreFlags: every flag of 'eventstudy run' has a study-file key,
// its name with underscores, and every key a flag, and the two set the same
// field of runOptions, so that a flag added without its key (or a key
// renamed) fails here.
func TestStudyKeysAreFlags(t *testing.T) {
	var o runOptions
	fs := newRunFlags(&o, io.Discard)
	base := reflect.ValueOf(&o).Elem()
	field := map[string]uintptr{} // key -> address of its field
	for i := range base.NumField() {
		if k := base.Type().Field(i).Tag.Get("yaml"); k != "" {
			field[k] = base.Field(i).Addr().Pointer()
		}
	}
	flags := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) {
		key := strings.ReplaceAll(f.Name, "-", "_")
		flags[key] = true
		addr, ok := field[key]
		if !ok {
			t.Errorf("flag --%s has no study-file key %q (a yaml tag of runOptions)", f.Name, key)
			return
		}
		// Every flag.Value of the flag package (and stringList) is a
		// pointer to the variable it sets.
		if got := reflect.ValueOf(f.Value).Pointer(); got != addr {
			t.Errorf("flag --%s and key %q set different fields", f.Name, key)
		}
	})
	for k := range field {
		if !flags[k] {
			t.Errorf("study-file key %q has no flag --%s", k, strings.ReplaceAll(k, "_", "-"))
		}
	}
	if len(field) < 29 {
		t.Errorf("%d keys, want at least the 29 of the flags", len(field))
	}
	if keys := studyKeys(); len(keys) != len(field) || !slices.Contains(keys, "ticker_col") {
		t.Errorf("studyKeys() = %q, want the %d yaml tags", keys, len(field))
	}
}

// TestStudyFileOldKeys: the keys earlier versions wrote for --ticker-col,
// --date-col and --timestamp-col are still read; a file giving a key under
// both names is refused.
func TestStudyFileOldKeys(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		want       runOptions // the three columns
		err        string
	}{
		{"new", "ticker_col: sym\ndate_col: day\ntimestamp_col: at\n", runOptions{TickerCol: "sym", DateCol: "day", TimestampCol: "at"}, ""},
		{"old", "ticker_column: sym\ndate_column: day\ntimestamp_column: at\n", runOptions{TickerCol: "sym", DateCol: "day", TimestampCol: "at"}, ""},
		{"both", "ticker_col: sym\nticker_column: symbol\n", runOptions{}, "ticker_column and ticker_col are the same key (ticker_column is its old name): give one"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "study.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			o := defaultRunOptions()
			err := loadStudyFile(path, &o)
			if tt.err != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tt.err) {
					t.Fatalf("error %v, want one ending %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.TickerCol != tt.want.TickerCol || o.DateCol != tt.want.DateCol || o.TimestampCol != tt.want.TimestampCol {
				t.Errorf("columns %q, %q, %q; want %q, %q, %q", o.TickerCol, o.DateCol, o.TimestampCol,
					tt.want.TickerCol, tt.want.DateCol, tt.want.TimestampCol)
			}
			if d := defaultRunOptions(); o.Model != d.Model || o.Windows != d.Windows {
				t.Errorf("defaults lost: model %q, windows %q", o.Model, o.Windows)
			}
		})
	}
}
