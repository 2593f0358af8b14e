package prices
import ("testing";"fmt";"os")
func TestScratch(t *testing.T) {
	es, _ := os.ReadDir("testdata")
	for _, e := range es {
		ss, err := ReadFile("testdata/"+e.Name(), "")
		if err != nil { fmt.Printf("%s\t%v\n", e.Name(), err); continue }
		for _, s := range ss { fmt.Println(e.Name(), s.Ticker, s.IsReturn, s.Dates, s.Values) }
	}
}
