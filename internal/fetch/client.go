package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxBody bounds a response body: a year of daily bars is about 70 kB and
// Ken French's largest daily zip a few MB.
const maxBody = 64 << 20

// userAgent names the tool in every request.
const userAgent = "eventstudy-fetch/0.1 (+https://github.com/eventstudy/eventstudy)"

// Client makes polite GET requests: at most one per Pace, retrying 429 and
// 5xx answers (and failed connections) up to Retries times, waiting
// Pace·2^k before retry k+1.
type Client struct {
	HTTP    *http.Client
	Pace    time.Duration
	Retries int

	last  time.Time
	sleep func(context.Context, time.Duration) error // tests replace it
}

// NewClient returns a client with a 30-second timeout per request.
func NewClient(pace time.Duration, retries int) *Client {
	return &Client{HTTP: &http.Client{Timeout: 30 * time.Second}, Pace: pace, Retries: retries}
}

// Response is what a GET returned: its status and body, read whole, and
// how many requests it took.
type Response struct {
	Status int
	Body   []byte
	Tries  int
	At     time.Time // when the request that answered was sent
}

// Get fetches url. A non-200 answer is not an error here: its status and
// body are returned for the caller to read (Yahoo explains errors in JSON).
func (c *Client) Get(ctx context.Context, url string) (*Response, error) {
	var lastErr error
	for try := 0; try <= c.Retries; try++ {
		wait := c.Pace - time.Since(c.last)
		if try > 0 {
			wait = c.Pace << try
			if wait <= 0 {
				wait = time.Second << try
			}
		}
		if err := c.wait(ctx, wait); err != nil {
			return nil, err
		}
		c.last = time.Now()
		resp, err := c.get(ctx, url)
		if err != nil {
			lastErr = err
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		resp.Tries, resp.At = try+1, c.last
		if resp.Status == http.StatusTooManyRequests || resp.Status >= 500 {
			lastErr = nil
			if try < c.Retries {
				continue
			}
		}
		return resp, nil
	}
	return nil, fmt.Errorf("after %d tries: %w", c.Retries+1, lastErr)
}

func (c *Client) get(ctx context.Context, url string) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading the response: %w", err)
	}
	if len(body) > maxBody {
		return nil, fmt.Errorf("response larger than %d MB", maxBody>>20)
	}
	return &Response{Status: resp.StatusCode, Body: body}, nil
}

func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if c.sleep != nil {
		return c.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
