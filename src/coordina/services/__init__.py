"""Services: transactions and rules over the store; interfaces only translate to these calls."""
