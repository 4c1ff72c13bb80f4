"""Pictures and briefings: the network of states (HTML, PNG, SVG), timelines, reports."""
