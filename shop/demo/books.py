"""The bookshop's catalogue: about fifty fictional titles from fictional publishers.

Each book is keyed on its ISBN-13, which is also its UPC (the barcode on the
back cover) and the bookshop's SKU. The ISBNs are made up but carry a valid
check digit.
"""

from dataclasses import dataclass
from decimal import Decimal

PRODUCT_CLASS = "Livre imprimé"
ATTRIBUTES = (
    # (code, name, type)
    ("isbn", "ISBN", "text"),
    ("author", "Auteur", "text"),
    ("publisher", "Éditeur", "text"),
)

NOVELS = ("Livres", "Romans")
YOUTH = ("Livres", "Jeunesse")
ESSAYS = ("Livres", "Essais")
COMICS = ("Livres", "Bandes dessinées")
CATEGORIES = (NOVELS, YOUTH, ESSAYS, COMICS)


@dataclass(frozen=True)
class Book:
    isbn: str
    title: str
    author: str
    publisher: str
    category: tuple
    price: Decimal
    num_in_stock: int
    description: str


def isbn13(serial):
    """A made-up ISBN-13 in the French-language group, with a valid check digit."""
    digits = f"9782925{serial:05d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


_ROWS = (
    # title, author, publisher, category, price, in stock, description
    ("Les hivers de la rue Ontario", "Marie-Ève Lachance", "Éditions du Castor roux", NOVELS, "24.95", 8,
     "Trois générations d'une même famille traversent soixante hivers dans un logement d'Hochelaga."),
    ("La dernière traverse", "Jean-Sébastien Gagnon-Roy", "Éditions Rivière-Noire", NOVELS, "27.95", 5,
     "Un capitaine de traversier prépare son dernier voyage entre Rivière-du-Loup et Saint-Siméon."),
    ("Un chalet au bout du rang", "Émilie Thibodeau", "Éditions Perce-Neige", NOVELS, "22.95", 6,
     "Quatre amies d'enfance se retrouvent, le temps d'un été, dans le chalet de leur jeunesse."),
    ("Le silence des outardes", "Rosalie Bergeron", "Éditions du Quai 14", NOVELS, "29.95", 4,
     "Une ornithologue s'installe à Cap-Tourmente et découvre le secret de son grand-père."),
    ("Neige de mars", "Félix-Antoine Dubé", "Éditions Rivière-Noire", NOVELS, "21.95", 7,
     "Un roman bref et lumineux sur la fin de l'hiver et le début d'une amitié."),
    ("La couturière de Verdun", "Nathalie Ouellet", "Éditions La Lanterne", NOVELS, "26.95", 9,
     "Verdun, 1942 : une couturière coud des uniformes le jour et des robes de bal la nuit."),
    ("Les enfants du quai", "Kim Nguyen-Lavoie", "Éditions du Castor roux", NOVELS, "24.95", 3,
     "Dans le Vieux-Port des années 1980, une bande d'enfants invente sa propre ville."),
    ("Ce qui reste de l'été", "Samuel Pelletier", "Éditions Perce-Neige", NOVELS, "19.95", 10,
     "Un père et sa fille refont, trente ans plus tard, la route des vacances de son enfance."),
    ("La maison aux volets bleus", "Véronique Côté-Martel", "Éditions La Lanterne", NOVELS, "28.95", 5,
     "Une notaire hérite d'une maison de Kamouraska et de toutes les histoires qui l'habitent."),
    ("Le fleuve en dedans", "Hugo Lapointe", "Éditions du Quai 14", NOVELS, "32.95", 2,
     "Un grand roman choral sur les gens qui vivent, travaillent et rêvent au bord du Saint-Laurent."),
    ("Tempête sur Kamouraska", "Amélie Drouin", "Éditions Rivière-Noire", NOVELS, "25.95", 6,
     "Une nuit de tempête, un village isolé et une disparition que personne n'ose expliquer."),
    ("Une valse à Saint-Roch", "Olivier St-Onge", "Éditions du Castor roux", NOVELS, "23.95", 4,
     "Québec, 1955 : un pianiste de cabaret tombe amoureux d'une téléphoniste."),
    ("Les lettres de Gaspé", "Maude Gauthier", "Éditions Perce-Neige", NOVELS, "27.95", 8,
     "Une correspondance retrouvée dans un grenier raconte la vie d'une institutrice de Gaspésie."),
    ("Le grand dégel", "Louis-Philippe Caron", "Éditions La Lanterne", NOVELS, "34.95", 3,
     "Un roman d'anticipation : le printemps où le fleuve n'a plus jamais gelé."),
    ("Petite suite laurentienne", "Annie Desjardins", "Éditions du Quai 14", NOVELS, "18.95", 12,
     "Sept nouvelles, sept villages des Laurentides, un même autobus qui les relie."),
    ("Les veilleurs de Limoilou", "Mathieu Lévesque", "Éditions Rivière-Noire", NOVELS, "26.95", 5,
     "Des voisins insomniaques s'organisent pour veiller sur leur quartier."),
    ("La fille du traversier", "Sophie Beaulieu", "Éditions du Castor roux", NOVELS, "24.95", 7,
     "Élevée entre deux rives, une jeune femme doit choisir où poser ses valises."),
    ("Nos années de tôle", "Benoît Fortin", "Éditions La Lanterne", NOVELS, "29.95", 0,
     "Le quotidien d'une usine de Sorel et de ceux qui l'ont fait tourner pendant quarante ans."),
    ("Léo et le castor perdu", "Catherine Langlois", "Éditions Petit Pouce", YOUTH, "16.95", 10,
     "Album illustré. Léo aide un jeune castor à retrouver le chemin de son barrage. Dès 3 ans."),
    ("Mimi la mouffette", "Isabelle Poirier", "Éditions Petit Pouce", YOUTH, "14.95", 12,
     "Album illustré. Personne ne veut jouer avec Mimi… jusqu'au jour du grand pique-nique."),
    ("La tuque magique", "Julien Bélisle", "Éditions Petit Pouce", YOUTH, "15.95", 9,
     "Album illustré. Quand Alice met sa tuque, il neige des flocons de toutes les couleurs."),
    ("Capitaine Érable", "Francis Tremblay-Ngo", "Éditions de la Grande Ourse", YOUTH, "17.95", 6,
     "Premier roman. Un super-héros pas comme les autres protège les cabanes à sucre. Dès 7 ans."),
    ("Une cabane pour Juliette", "Geneviève Paquin", "Éditions Petit Pouce", YOUTH, "16.95", 8,
     "Album illustré. Juliette et son grand-père construisent une cabane dans l'érable du jardin."),
    ("Le dragon de la ruelle", "Marc-André Boucher", "Éditions de la Grande Ourse", YOUTH, "18.95", 5,
     "Roman jeunesse. Un dragon s'installe dans la ruelle verte et les enfants doivent le cacher."),
    ("Zoé compte les flocons", "Chloé Vaillancourt", "Éditions Petit Pouce", YOUTH, "13.95", 11,
     "Un premier livre pour apprendre à compter de 1 à 10 pendant une tempête de neige."),
    ("Les pirates du lac Saint-Pierre", "Alexandre Morin", "Éditions de la Grande Ourse", YOUTH, "19.95", 4,
     "Roman jeunesse. Une chasse au trésor en chaloupe parmi les îles de Sorel. Dès 9 ans."),
    ("Théo ne veut pas dormir", "Laurence Giroux", "Éditions Petit Pouce", YOUTH, "14.95", 7,
     "Album illustré. Toutes les excuses de Théo pour ne pas aller au lit, une par page."),
    ("La classe de madame Potvin", "Stéphanie Roy", "Éditions de la Grande Ourse", YOUTH, "16.95", 6,
     "Roman jeunesse. Une année scolaire pleine de surprises dans une petite école de village."),
    ("Opération pouding chômeur", "Dominic Lavallée", "Éditions de la Grande Ourse", YOUTH, "17.95", 3,
     "Roman jeunesse. Trois amis se lancent dans un concours de desserts pour sauver leur parc."),
    ("Alphabet des bois", "Karine Picard", "Éditions Petit Pouce", YOUTH, "21.95", 5,
     "Imagier. De A comme achigan à Z comme zostère, les plantes et les bêtes de nos forêts."),
    ("Habiter le quartier : chroniques d'Hochelaga", "Pascale Marchand", "Éditions du Faubourg", ESSAYS, "27.95", 6,
     "Chroniques d'une urbaniste sur la vie de quartier, les ruelles et les voisins."),
    ("Petit traité de la coopération", "Richard Bouchard", "Éditions du Faubourg", ESSAYS, "22.95", 9,
     "Comment les coopératives québécoises sont nées, et pourquoi elles comptent encore."),
    ("L'économie du bien commun", "Nadia Ferland", "Éditions Marée haute", ESSAYS, "34.95", 4,
     "Un essai accessible sur l'économie sociale, ses entreprises et ses limites."),
    ("Manger local en hiver", "Jacinthe Arsenault", "Éditions Marée haute", ESSAYS, "29.95", 7,
     "Conserves, légumes racines et marchés d'hiver : un guide pratique et des recettes."),
    ("Vieillir chez soi", "Claude Rioux", "Éditions du Faubourg", ESSAYS, "24.95", 5,
     "Témoignages et conseils pour rester dans son logement et dans son quartier en vieillissant."),
    ("Réparer plutôt que jeter", "Yannick Sirois", "Éditions Marée haute", ESSAYS, "26.95", 8,
     "Un plaidoyer pour la réparation, des cafés-réparation aux outilthèques."),
    ("Le français d'ici", "Hélène Lemieux", "Éditions du Faubourg", ESSAYS, "32.95", 3,
     "Histoire et vitalité du français parlé au Québec, de la Nouvelle-France à aujourd'hui."),
    ("Histoire populaire de Saint-Henri", "Robert Charbonneau", "Éditions Marée haute", ESSAYS, "39.95", 2,
     "Les tanneries, le canal, les luttes ouvrières et la renaissance d'un quartier."),
    ("Les communs urbains", "Ariane Duchesne", "Éditions du Faubourg", ESSAYS, "28.95", 4,
     "Jardins collectifs, frigos partagés, bibliothèques d'objets : la ville en partage."),
    ("La solidarité en douze leçons", "François Leblanc", "Éditions Marée haute", ESSAYS, "19.95", 10,
     "Douze courts chapitres sur l'entraide, tirés d'une série de conférences populaires."),
    ("Ruelle verte, tome 1", "Max Béliveau", "Bulles du Plateau", COMICS, "24.95", 6,
     "Bande dessinée. Une bande de voisins transforme une ruelle grise en jardin."),
    ("Ruelle verte, tome 2", "Max Béliveau", "Bulles du Plateau", COMICS, "24.95", 5,
     "Bande dessinée. La ruelle verte doit survivre à son premier hiver… et aux déneigeuses."),
    ("Les aventures de Ti-Jean Bouclier", "Éric Normandin", "Bulles du Plateau", COMICS, "22.95", 8,
     "Bande dessinée. Le célèbre héros des contes revisité en chevalier de la Côte-Nord."),
    ("Poutine galactique", "Mélanie Cyr", "Éditions Case à case", COMICS, "19.95", 9,
     "Bande dessinée humoristique. Une cantine de l'espace et ses clients extraterrestres."),
    ("La patrouille du mont Royal", "Vincent Audet", "Éditions Case à case", COMICS, "26.95", 4,
     "Bande dessinée. Trois jeunes gardes de parc enquêtent sur d'étranges disparitions."),
    ("Hockey de garage", "Patrick Dufour", "Bulles du Plateau", COMICS, "21.95", 7,
     "Bande dessinée. Une saison de hockey-balle dans la rue, racontée par le gardien de but."),
    ("Chats de ruelle", "Julie Lafrance", "Éditions Case à case", COMICS, "23.95", 6,
     "Bande dessinée muette. La vie secrète des chats d'un quartier de Montréal."),
    ("Le dernier autobus", "Simon Gagné", "Éditions Case à case", COMICS, "29.95", 3,
     "Roman graphique. Une nuit à bord du dernier autobus de la ligne 55."),
    ("Métro Berri-UQAM", "Caroline Leduc", "Bulles du Plateau", COMICS, "34.95", 2,
     "Roman graphique. Dix destins qui se croisent dans la station la plus achalandée du réseau."),
    ("Sacré Bonhomme!", "Jérôme Bisson", "Éditions Case à case", COMICS, "17.95", 11,
     "Bande dessinée jeunesse. Les gaffes d'un bonhomme de neige qui refuse de fondre."),
)

BOOKS = tuple(
    Book(
        isbn=isbn13(serial),
        title=title,
        author=author,
        publisher=publisher,
        category=category,
        price=Decimal(price),
        num_in_stock=num_in_stock,
        description=description,
    )
    for serial, (title, author, publisher, category, price, num_in_stock, description) in enumerate(
        _ROWS, start=101
    )
)
