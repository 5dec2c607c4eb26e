"""The achievement journal: entries and their numbers, how the journal is read and searched, evidence links, the trash."""
