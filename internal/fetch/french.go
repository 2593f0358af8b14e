package fetch

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/eventstudy/eventstudy/internal/report"
)

// FrenchURL is the directory of Kenneth French's data library's zip
// archives: FrenchURL/NAME_CSV.zip.
const FrenchURL = "https://mba.tuck.dartmouth.edu/pages/faculty/ken.french/ftp"

// maxUnzipped bounds a file extracted from an archive (the daily
// three-factor CSV is about 3 MB): a zip bomb stops at this size.
const maxUnzipped = 256 << 20

// French downloads factor files from Kenneth French's data library.
type French struct {
	Client  *Client
	BaseURL string // FrenchURL unless a test points it elsewhere
}

// CheckFrenchName rejects a name that is not of the library's form
// (F-F_Research_Data_Factors_daily, F-F_Momentum_Factor_daily, ...).
func CheckFrenchName(name string) error {
	if name == "" || len(name) > 100 {
		return fmt.Errorf("factor file %q: want a name such as F-F_Research_Data_Factors_daily", name)
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' || r == '.') {
			return fmt.Errorf("factor file %q: want a name such as F-F_Research_Data_Factors_daily", name)
		}
	}
	return nil
}

// URL is the archive of name.
func (f *French) URL(name string) string {
	base := f.BaseURL
	if base == "" {
		base = FrenchURL
	}
	return strings.TrimRight(base, "/") + "/" + name + "_CSV.zip"
}

// Fetch downloads each name's archive and writes its CSV members to dir.
// As for tickers, a failure is an entry with Err set and the batch goes on.
func (f *French) Fetch(ctx context.Context, names []string, dir string, progress func(Entry)) ([]Entry, error) {
	var log []Entry
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return log, err
		}
		e := Entry{Ticker: name, URL: f.URL(name), FetchedAt: time.Now().UTC().Truncate(time.Second)}
		files, rows, err := f.one(ctx, &e, dir)
		if errors.Is(ctx.Err(), context.Canceled) {
			return log, ctx.Err()
		}
		if err != nil {
			e.Err = err.Error()
		} else {
			e.File, e.Rows = strings.Join(files, " "), rows
		}
		log = append(log, e)
		if progress != nil {
			progress(e)
		}
	}
	return log, nil
}

func (f *French) one(ctx context.Context, e *Entry, dir string) (files []string, lines int, err error) {
	resp, err := f.Client.Get(ctx, e.URL)
	if err != nil {
		return nil, 0, err
	}
	e.Status, e.FetchedAt = resp.Status, resp.At.UTC().Truncate(time.Second)
	if resp.Status != http.StatusOK {
		return nil, 0, &HTTPError{Status: resp.Status, Text: quote(resp.Body)}
	}
	members, err := Unzip(resp.Body, maxUnzipped)
	if err != nil {
		return nil, 0, err
	}
	for _, m := range members {
		if err := report.WriteFileAtomic(filepath.Join(dir, m.Name), func(w io.Writer) error {
			_, err := w.Write(m.Data)
			return err
		}); err != nil {
			return files, lines, err
		}
		files = append(files, m.Name)
		lines += bytes.Count(m.Data, []byte("\n"))
	}
	return files, lines, nil
}

// Member is a CSV file extracted from an archive.
type Member struct {
	Name string // base name, no directory
	Data []byte
}

// Unzip returns the CSV members of a zip archive (names ending .csv in any
// case), each at most limit bytes whatever its header claims. An
// archive that is not a zip (an HTML page) or holds no CSV is an error.
func Unzip(b []byte, limit int64) ([]Member, error) {
	if t := bytes.TrimSpace(b); len(t) == 0 {
		return nil, ErrEmpty
	} else if t[0] == '<' {
		return nil, fmt.Errorf("%w (a zip archive)", ErrHTML)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a zip archive: %w", err)
	}
	var out []Member
	seen := map[string]bool{}
	for _, zf := range zr.File {
		name := path.Base(strings.ReplaceAll(zf.Name, `\`, "/"))
		if zf.FileInfo().IsDir() || !strings.EqualFold(path.Ext(name), ".csv") || CheckFrenchName(strings.TrimSuffix(name, path.Ext(name))) != nil {
			continue
		}
		if seen[name] {
			return nil, fmt.Errorf("archive holds %s twice", name)
		}
		seen[name] = true
		if zf.UncompressedSize64 > uint64(limit) {
			return nil, fmt.Errorf("%s: %w: %d bytes, limit %d", name, ErrZipTooLarge, zf.UncompressedSize64, limit)
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, limit+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if int64(len(data)) > limit {
			return nil, fmt.Errorf("%s: %w: limit %d bytes", name, ErrZipTooLarge, limit)
		}
		out = append(out, Member{Name: name, Data: data})
	}
	if len(out) == 0 {
		return nil, errors.New("no CSV file in the archive")
	}
	return out, nil
}
