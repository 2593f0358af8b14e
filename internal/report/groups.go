package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/eventstudy/eventstudy/internal/study"
)

type groupTestRecord struct {
	From      int    `csv:"from"`
	To        int    `csv:"to"`
	GroupA    string `csv:"group_a"`
	GroupB    string `csv:"group_b"`
	NA        int    `csv:"n_a"`
	NB        int    `csv:"n_b"`
	CAARA     Float  `csv:"caar_a"`
	CAARB     Float  `csv:"caar_b"`
	Diff      Float  `csv:"difference"`
	Test      string `csv:"test"`
	Statistic Float  `csv:"statistic"`
	PValue    Float  `csv:"p_value"`
	DF        Float  `csv:"df"`
	Note      string `csv:"note"`
}

// GroupDir is the directory of a group's tables and charts under dir, for
// a study whose group names do not differ only in case (see groupDirs).
func GroupDir(dir, name string) string {
	return filepath.Join(dir, "groups", fileSafe(name))
}

// groupDirs maps the name of each group to its directory under dir, distinct
// even where case is ignored.
func groupDirs(dir string, groups []study.Group) map[string]string {
	names := make([]string, len(groups))
	for i, g := range groups {
		names[i] = g.Name
	}
	dirs := map[string]string{}
	for name, file := range fileNames(names) {
		dirs[name] = filepath.Join(dir, "groups", file)
	}
	return dirs
}

// writeGroups writes, for a study split by --group, each group's aar.csv
// and tests.csv under groups/NAME/ and the tests of the differences between
// groups in group_tests.csv.
func writeGroups(dir string, res *study.Result, opt csvOptions, outs *Outputs) error {
	if len(res.Groups) == 0 {
		return nil
	}
	dirs := groupDirs(dir, res.Groups)
	_, tests := studyTestRecords(res)
	for i, g := range res.Groups {
		gd := dirs[g.Name]
		if err := os.MkdirAll(gd, 0o755); err != nil {
			return fmt.Errorf("output directory: %w", err)
		}
		if err := outs.Write(filepath.Join(gd, "aar.csv"), func(w io.Writer) error { return marshal(w, aarRecords(g.Days)) }); err != nil {
			return err
		}
		if err := outs.Write(filepath.Join(gd, "tests.csv"), func(w io.Writer) error { return marshal(w, tests[i]) }); err != nil {
			return err
		}
	}
	var recs []groupTestRecord
	for _, gt := range res.GroupTests {
		for _, t := range gt.Tests {
			recs = append(recs, groupTestRecord{From: gt.Window.From, To: gt.Window.To, GroupA: opt.cell(gt.A), GroupB: opt.cell(gt.B),
				NA: gt.NA, NB: gt.NB, CAARA: Float(gt.CAARA), CAARB: Float(gt.CAARB), Diff: Float(gt.CAARA - gt.CAARB),
				Test: t.Test, Statistic: Float(t.Stat), PValue: Float(t.P), DF: Float(t.DF), Note: note(t)})
		}
	}
	return outs.Write(filepath.Join(dir, "group_tests.csv"), func(w io.Writer) error { return marshal(w, recs) })
}
