/**
 * Frequent French words, typed in by hand (no licence attached): with the words of the repository's
 * French text, the whole-word pieces of the benchmark vocabulary. XLM-R's real vocabulary has
 * nearly every common French word as one piece; a small harvested corpus alone would miss many
 * ("dix", "ans", "gouvernement"), and French text would tokenize into too many pieces.
 */
export const FREQUENT_FRENCH_WORDS = `
le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
je j tu il elle on nous vous ils elles me m te t se s lui y en moi toi soi eux celui celle ceux celles ceci cela ça
qui que qu quoi dont où lequel laquelle lesquels lesquelles quel quelle quels quelles
et ou mais donc or ni car si comme lorsque quand puisque parce pour par avec sans sous sur dans entre vers chez contre
depuis pendant avant après selon malgré parmi durant jusqu jusque dès hors outre via auprès envers afin ainsi alors
aussi encore toujours jamais déjà bientôt souvent parfois très trop peu plus moins bien mal mieux tant autant tout tous
toute toutes rien personne chaque plusieurs certains certaines aucun aucune autre autres même mêmes tel telle tels
non oui ne pas point guère seulement surtout notamment également cependant pourtant toutefois néanmoins enfin ensuite
ici là ailleurs partout loin près dehors dedans hier aujourd hui demain maintenant désormais longtemps tard tôt
zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente quarante
cinquante soixante cent cents mille million millions milliard milliards premier première premiers deuxième troisième
dernier dernière derniers dernières moitié quart tiers double
être suis es est sommes êtes sont étais était étions étiez étaient serai sera serons seront serait seraient été soit soient
avoir ai as a avons avez ont avais avait avions aviez avaient aurai aura aurons auront aurait auraient eu eue eus ait aient
faire fait faits faite faites fais faisons font faisait faisaient fera feront ferait
aller vais va allons allez vont allait irait ira iront allé allée allés
pouvoir peux peut pouvons pouvez peuvent pouvait pourrait pourraient pourra pourront pu puisse
vouloir veux veut voulons voulez veulent voulait voudrait voulu
devoir dois doit devons devez doivent devait devrait devraient devra devront dû
dire dis dit dite dits disent disait dira dirait savoir sais sait savent savait su
voir vois voit voient voyait verra vu vue vus vues venir viens vient viennent venait venu venue venus viendra
prendre prend prennent prenait pris prise prises mettre met mettent mis mise mises donner donne donnent donné donnée
passer passe passé passée trouver trouve trouvé parler parle parlé aimer aime demander demande demandé rester reste
resté penser pense pensé croire crois croit cru tenir tient tenu porter porte porté montrer montre montré
annoncer annonce annoncé annoncée présenter présente présenté présentée expliquer explique expliqué indiquer indique
indiqué assurer assure assuré estimer estime estimé rappeler rappelle rappelé souligner souligne souligné précise
précisé affirmer affirme affirmé déclarer déclare déclaré confirmer confirme confirmé lancer lance lancé réussir
permettre permet permis décider décide décidé devenir devient devenu devenue commencer commence commencé
continuer continue continué créer crée créé créée ouvrir ouvert ouverte fermer fermé gagner gagné perdre perdu
payer payé vendre vendu acheter acheté travailler travaille travaillé recruter recruté recrutée diriger dirige dirigé
an ans année années mois semaine semaines jour jours journée heure heures minute minutes temps fois moment période
lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre
octobre novembre décembre matin soir nuit siècle début fin date
homme hommes femme femmes enfant enfants personne personnes gens famille père mère fils fille ami amis monde
pays ville villes région régions État États nation national nationale nationaux international internationale
gouvernement ministre ministère président présidente présidence député députés sénat assemblée parlement parti
partis politique politiques élection élections vote loi lois projet projets réforme réformes décision mesure mesures
pouvoir public publique publics publiques société sociétés entreprise entreprises groupe groupes marché marchés
économie économique économiques croissance prix coût coûts emploi emplois travail salariés salaire salaires
chômage inflation budget dette impôt impôts taxe taxes banque banques argent euro euros dollar dollars bourse
secteur industrie industriel industrielle énergie électricité pétrole gaz production produit produits service
services client clients commerce commercial commerciale export exportations investissement investissements
directeur directrice direction chef équipe équipes conseil comité membre membres responsable responsables
agence agences organisation association syndicat syndicats salarié patron patronat
France français française françaises Paris Europe européen européenne européens Bruxelles Allemagne
Italie Espagne Royaume Uni Chine États Unis Russie Ukraine Afrique Asie Amérique Londres Berlin Rome
question questions problème problèmes raison raisons cas situation crise crises guerre paix sécurité santé
école écoles université recherche étude études rapport rapports chiffre chiffres nombre part parts partie
niveau hausse baisse augmentation progression plan plans programme accord accords négociations sommet
information informations article articles presse journal journaux média médias journaliste chaîne télévision
radio site internet réseau réseaux numérique technologie technologies données intelligence artificielle
eau terre mer air feu climat climatique environnement transport transports train route voiture avion
maison logement logements immobilier justice tribunal procès juge police enquête affaire affaires victime
grand grande grands grandes petit petite petits petites nouveau nouvelle nouveaux nouvelles ancien ancienne
bon bonne bons bonnes mauvais meilleur meilleure haut haute bas basse long longue court fort forte faible
important importante importants importantes principal principale principaux possible impossible nécessaire
différent différents différente seul seule seuls seules propre général générale social sociale sociaux
actuel actuelle prochain prochaine récent récente dernier plein pleine libre vrai vraie jeune jeunes vieux
lobbying lobbyiste influence stratégie objectif objectifs résultat résultats succès échec rôle poste postes
query passage
`;
