package main

// balanceLocked requires l.mu to be held.
func (l *Ledger) balanceLocked(acct string) int {
	return l.balances[acct]
}

// totalLocked requires l.mu to be held.
func (l *Ledger) totalLocked() int {
	t := 0
	for _, b := range l.balances {
		t += b
	}
	return t
}

// accountsLocked requires l.mu to be held.
func (l *Ledger) accountsLocked() int {
	return len(l.balances)
}
