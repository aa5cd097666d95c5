"""The negotiation workspace: the eight steps of the ILO brief as services over the store."""
