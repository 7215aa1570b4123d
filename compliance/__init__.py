"""compliance: checks Swedish municipalities' spending of Socialstyrelsen's development
funds against violence in close relationships, line by line, against each year's anvisningar."""

__version__ = "0.1.0"
